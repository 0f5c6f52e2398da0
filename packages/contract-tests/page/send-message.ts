import {
  createHighLevelClient,
  type InboundMessageRequest,
  type InboundMessageResponse,
  isHighLevelError,
  isUnexpectedResponseError,
  isValidationError,
  type ValidationIssue,
} from "@ghl-inbound/client";

export interface SendOptions {
  baseUrl: string;
  accessToken: string;
  /** Prism's Prefer header, to make the mock answer an error on purpose. */
  prefer?: string;
}

/** What the page shows: the added message, or the typed error the client rejected with. */
export type SendResult =
  | { ok: true; data: InboundMessageResponse }
  | {
      ok: false;
      /** The error's class: AuthenticationError, ValidationError... (TypeError for a bad option). */
      name: string;
      message: string;
      status?: number | undefined;
      body?: unknown;
      issues?: readonly ValidationIssue[] | readonly string[];
    };

/**
 * The only place the page talks to the API: through @ghl-inbound/client, bundled for the browser,
 * as any frontend would use it. The client has no per-request header option, so `Prefer` (the
 * mock's switch) is added through its public `fetch` option; without it the client's own default
 * fetch is used.
 */
export async function sendInboundMessage(
  options: SendOptions,
  body: InboundMessageRequest,
): Promise<SendResult> {
  const { prefer } = options;
  try {
    const client = createHighLevelClient({
      accessToken: options.accessToken,
      baseUrl: options.baseUrl,
      ...(prefer && {
        fetch: (request: Request) => {
          request.headers.set("Prefer", prefer);
          return fetch(request);
        },
      }),
    });
    return { ok: true, data: await client.addInboundMessage(body) };
  } catch (error) {
    if (isValidationError(error)) {
      return { ok: false, name: error.name, message: error.message, issues: error.issues };
    }
    if (isHighLevelError(error)) {
      const issues = isUnexpectedResponseError(error) ? error.issues : undefined;
      return {
        ok: false,
        name: error.name,
        message: error.message,
        status: error.status,
        body: error.body,
        issues,
      };
    }
    // createHighLevelClient refuses a bad option (an empty token, say) with a TypeError or RangeError.
    if (error instanceof Error) return { ok: false, name: error.name, message: error.message };
    throw error;
  }
}
