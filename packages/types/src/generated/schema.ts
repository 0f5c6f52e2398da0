/**
 * This file was generated from spec/openapi.yaml by packages/types/scripts/generate.mjs.
 * Do not edit it by hand: change the spec, then run `pnpm generate`.
 */

export interface paths {
    "/conversations/messages/inbound": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add an inbound message
         * @description Post the necessary fields for the API to add a new inbound message.
         *
         *     **Note:** Either `conversationId` or `contactId` is required: a `contactId` alone is accepted,
         *     and a conversation is created when the contact has none (HighLevel's help article 155000007340).
         *     `conversationProviderId` is required for type `Custom` and `Call` (HighLevel's provider guide)
         *     and optional for every other type: native channels (WhatsApp, GMB, IG, FB, WebChat, Live_Chat,
         *     RCS, TikTok ...) and SMS or Email on the default provider have no provider id to send.
         *     Extra email providers use type `Custom`: an `Email` with an extra provider's id goes to the
         *     default email channel (highlevel-api-docs#19). A provider id only works with a token of the
         *     app that owns the provider; any other token gets 400 "Invalid conversationProviderId"
         *     (highlevel-api-docs#107).
         *
         *     A body that breaks the schema is refused with **422** and a list of messages, as HighLevel's
         *     validation layer answers it; 400 is for what HighLevel checks past the schema (a provider id
         *     it does not know, a `Version` it does not accept).
         *
         *     Requirements: scope `conversations/message.write`; auth method OAuth Access Token or
         *     Private Integration Token; token type Sub-Account Token.
         *
         *     Rate limits (HighLevel `docs/oauth/Authorization.md`): a burst of 100 requests per
         *     10 seconds and 200,000 requests per day, per app per resource (Location or Company). Every
         *     answer carries the `X-RateLimit-*` headers.
         */
        post: operations["add-an-inbound-message"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description Message Type. The public doc page (2025-10-11) lists the first ten of these; HighLevel's
         *     `apps/conversations.json` (`d9cbcd5`, 2026-05-01) added `RCS`, `IVR_Call`, `Campaign_Call`,
         *     `Campaign_VoiceMail`, `TIKTOK`, `ALL_IN_ONE_CHAT` and `FORM_SUBMISSION` (see
         *     `x-ghl-inbound-value-sources`). Only `Custom` and `Call` need `conversationProviderId`.
         * @example SMS
         * @enum {string}
         */
        InboundMessageType: "SMS" | "Email" | "WhatsApp" | "GMB" | "IG" | "FB" | "Custom" | "WebChat" | "Live_Chat" | "Call" | "RCS" | "IVR_Call" | "Campaign_Call" | "Campaign_VoiceMail" | "TIKTOK" | "ALL_IN_ONE_CHAT" | "FORM_SUBMISSION";
        /**
         * @example Custom
         * @enum {string}
         */
        ProviderRequiredMessageType: "Custom" | "Call";
        /**
         * @example SMS
         * @enum {string}
         */
        ProviderOptionalMessageType: "SMS" | "Email" | "WhatsApp" | "GMB" | "IG" | "FB" | "WebChat" | "Live_Chat" | "RCS" | "IVR_Call" | "Campaign_Call" | "Campaign_VoiceMail" | "TIKTOK" | "ALL_IN_ONE_CHAT" | "FORM_SUBMISSION";
        /**
         * @description Message direction, if required can be set manually, default is outbound
         * @default outbound
         * @example inbound
         * @enum {string}
         */
        MessageDirection: "inbound" | "outbound";
        /**
         * @description Call status
         * @example completed
         * @enum {string}
         */
        CallStatus: "pending" | "completed" | "answered" | "busy" | "no-answer" | "failed" | "canceled" | "voicemail";
        /**
         * @description Phone call dialer and receiver information
         * @example {
         *       "to": "+15037081210",
         *       "from": "+15037081211",
         *       "status": "completed"
         *     }
         */
        CallData: {
            /**
             * @description Phone number of the receiver
             * @example +15037081210
             */
            to?: string;
            /**
             * @description Phone number of the dialer
             * @example +15037081211
             */
            from?: string;
            status?: components["schemas"]["CallStatus"];
        };
        /**
         * @description Post the necessary fields for the API to add a new inbound message.
         *     Two rules beside the fields: `conversationId` or `contactId` is required (both may be sent),
         *     and `conversationProviderId` is required when `type` is `Custom` or `Call`.
         * @example {
         *       "type": "SMS",
         *       "message": "Hi, is my order on its way?",
         *       "conversationId": "ve9EPM428h8vShlRW1KT",
         *       "direction": "inbound",
         *       "date": "2024-07-29T15:51:28.071Z"
         *     }
         */
        InboundMessageRequest: components["schemas"]["InboundMessageFields"] & components["schemas"]["MessageAddress"] & components["schemas"]["MessageProvider"];
        /** @description Where the message goes. Either `conversationId` or `contactId` is required. */
        MessageAddress: components["schemas"]["MessageByConversationId"] | components["schemas"]["MessageByContactId"];
        /** @description A message addressed by its conversation. */
        MessageByConversationId: {
            /**
             * @description Conversation Id
             * @example ve9EPM428h8vShlRW1KT
             */
            conversationId: string;
        };
        /** @description A message addressed by its contact. */
        MessageByContactId: {
            /**
             * @description Contact Id
             * @example ve9EPM428h8vShlRW1KT
             */
            contactId: string;
        };
        /**
         * @description Which conversation provider the message came through. `Custom` and `Call` messages come from
         *     a provider of the app sending them and need its `conversationProviderId`; every other type
         *     may leave it out. Extra email providers use type `Custom`: an `Email` with an extra
         *     provider's id goes to the default email channel (highlevel-api-docs#19). A provider id only
         *     works with a token of the app that owns the provider; with another token HighLevel answers
         *     400 "Invalid conversationProviderId" (highlevel-api-docs#107).
         */
        MessageProvider: components["schemas"]["ProviderRequiredMessage"] | components["schemas"]["ProviderOptionalMessage"];
        /**
         * @description `Custom` and `Call`: messages of a Custom or Call conversation provider; `conversationProviderId`
         *     is required (HighLevel's provider guide, highlevel-api-docs#70).
         */
        ProviderRequiredMessage: {
            type: components["schemas"]["ProviderRequiredMessageType"];
            conversationProviderId: string;
        };
        /**
         * @description Every other type: native channels (WhatsApp, GMB, IG, FB, WebChat, Live_Chat, RCS, TikTok ...)
         *     have no provider id to send; `SMS` and `Email` need one only through an extra provider of
         *     the app's own. `conversationProviderId` is optional.
         */
        ProviderOptionalMessage: {
            type: components["schemas"]["ProviderOptionalMessageType"];
        };
        /**
         * @description Every field of the request body. Only `type` is always required; InboundMessageRequest adds
         *     the rules for `conversationId`/`contactId` and for `conversationProviderId`.
         */
        InboundMessageFields: {
            type: components["schemas"]["InboundMessageType"];
            /**
             * @description Array of attachments: the URL of each file. When sent, it holds at least one (HighLevel refuses an empty list with 422 "attachments must contain at least 1 elements").
             * @example [
             *       "https://example.com/files/quote.pdf"
             *     ]
             */
            attachments?: string[];
            /**
             * @description Message Body
             * @example Hi, is my order on its way?
             */
            message?: string;
            /**
             * @description Conversation Id
             * @example ve9EPM428h8vShlRW1KT
             */
            conversationId?: string;
            /**
             * @description Contact Id
             * @example ve9EPM428h8vShlRW1KT
             */
            contactId?: string;
            /**
             * @description Conversation Provider Id. Required for `Custom` and `Call`; optional for every other type. Extra email providers use type `Custom`. It only works with a token of the app that owns the provider.
             * @example 61d6d1f9cdac7612faf80753
             */
            conversationProviderId?: string;
            /**
             * @description HTML Body of Email
             * @example <p>Thanks, the quote looks good.</p>
             */
            html?: string;
            /**
             * @description Subject of the Email
             * @example Re: your quote
             */
            subject?: string;
            /**
             * @description Email address to send from. This field is associated with the contact record and cannot be dynamically changed.
             * @example sender@company.com
             */
            emailFrom?: string;
            /**
             * @description Recipient email address. This field is associated with the contact record and cannot be dynamically changed.
             * @example support@company.com
             */
            emailTo?: string;
            /**
             * @description List of email address to CC
             * @example [
             *       "john1@doe.com",
             *       "john2@doe.com"
             *     ]
             */
            emailCc?: string[];
            /**
             * @description List of email address to BCC
             * @example [
             *       "john1@doe.com",
             *       "john2@doe.com"
             *     ]
             */
            emailBcc?: string[];
            /**
             * @description Send the email message id for which this email should be threaded. This is for replying to a specific email: the HighLevel id that an earlier response's `emailMessageId` gave (not an RFC 5322 Message-ID).
             * @example rnGyqh2F6uBrIkfhFo9A
             */
            emailMessageId?: string;
            /**
             * @description external mail provider's message id: the caller's own handle for the message, useful to find it again (this endpoint has no idempotency key).
             * @example CAF-abc123-mail-gmail-com
             */
            altId?: string;
            direction?: components["schemas"]["MessageDirection"];
            /**
             * Format: date-time
             * @description Date of the inbound message
             * @example 2024-07-29T15:51:28.071Z
             */
            date?: string;
            call?: components["schemas"]["CallData"];
        };
        /**
         * @description The message was added.
         * @example {
         *       "success": true,
         *       "conversationId": "ABC12h2F6uBrIkfXYazb",
         *       "messageId": "t22c6DQcTDf3MjRhwf77",
         *       "message": "Message queued successfully.",
         *       "contactId": "ve9EPM428h8vShlRW1KT",
         *       "dateAdded": "2024-07-29T15:51:28.071Z",
         *       "emailMessageId": "rnGyqh2F6uBrIkfhFo9A"
         *     }
         */
        InboundMessageResponse: {
            /**
             * @description Always true in a success body.
             * @example true
             * @constant
             */
            success: true;
            /**
             * @description Conversation ID.
             * @example ABC12h2F6uBrIkfXYazb
             */
            conversationId: string;
            /**
             * @description This is the main Message ID
             * @example t22c6DQcTDf3MjRhwf77
             */
            messageId: string;
            /**
             * @description Result message returned after processing.
             * @example Message queued successfully.
             */
            message: string;
            /**
             * @description Contact ID associated with the message.
             * @example ve9EPM428h8vShlRW1KT
             */
            contactId?: string;
            /**
             * Format: date-time
             * @description When the message was added.
             * @example 2024-07-29T15:51:28.071Z
             */
            dateAdded?: string;
            /**
             * @description For type Email on the default email channel, the thread to reply to: send it back as a later request's `emailMessageId`.
             * @example rnGyqh2F6uBrIkfhFo9A
             */
            emailMessageId?: string;
        };
        /**
         * @description Bad Request (HighLevel's BadRequestDTO, with the `error` the real endpoint sends). The mock's
         *     own 400s add `violations` and, when Prism refused the request, `title`.
         * @example {
         *       "statusCode": 400,
         *       "message": "Invalid conversationProviderId",
         *       "error": "Bad Request"
         *     }
         */
        BadRequestResponse: {
            /** @example 400 */
            statusCode?: number;
            /** @example Invalid conversationProviderId */
            message?: string;
            /** @example Bad Request */
            error?: string;
            /** @description Sent by ghl-inbound's mock only, one per problem found in the request. */
            violations?: components["schemas"]["RequestViolation"][];
            /**
             * @description Sent by ghl-inbound's mock only, when Prism itself refused the request.
             * @example Route not resolved, no path matched
             */
            title?: string;
        };
        /**
         * @description One problem the mock found in a request.
         * @example {
         *       "location": "body.conversationProviderId",
         *       "code": "required",
         *       "message": "conversationProviderId should not be empty when type is Custom"
         *     }
         */
        RequestViolation: {
            /**
             * @description Where the problem is, such as `body.call.status` or `header.version`.
             * @example body.conversationProviderId
             */
            location: string;
            /**
             * @description The JSON Schema keyword that failed (`required`, `enum`, `minItems` ...) or Prism's code.
             * @example required
             */
            code: string;
            /**
             * @description The problem in one sentence that names the field, as in the answer's `message`.
             * @example conversationProviderId should not be empty when type is Custom
             */
            message: string;
        };
        /**
         * @description Unauthorized (HighLevel's UnauthorizedDTO).
         * @example {
         *       "statusCode": 401,
         *       "message": "Invalid token: access token is invalid",
         *       "error": "Unauthorized"
         *     }
         */
        UnauthorizedResponse: {
            /** @example 401 */
            statusCode?: number;
            /** @example Invalid token: access token is invalid */
            message?: string;
            /** @example Unauthorized */
            error?: string;
        };
        /**
         * @description Forbidden (HighLevel's ForbiddenDTO, apps/v3/common/common-schemas.json).
         * @example {
         *       "statusCode": 403,
         *       "message": "The token does not have access to this location.",
         *       "error": "Forbidden"
         *     }
         */
        ForbiddenResponse: {
            /** @example 403 */
            statusCode?: number;
            /** @example The token does not have access to this location. */
            message?: string;
            /** @example Forbidden */
            error?: string;
        };
        /**
         * @description Not Found (HighLevel's NotFoundDTO, apps/v3/common/common-schemas.json, with `error`).
         * @example {
         *       "statusCode": 404,
         *       "message": "Conversation not found",
         *       "error": "Not Found"
         *     }
         */
        NotFoundResponse: {
            /** @example 404 */
            statusCode?: number;
            /** @example Conversation not found */
            message?: string;
            /** @example Not Found */
            error?: string;
        };
        /**
         * @description Unprocessable Entity (HighLevel's UnprocessableDTO, common/common-schemas.json, as the real
         *     endpoint sends it): `message` lists the problems, `traceId` identifies the request for support.
         * @example {
         *       "statusCode": 422,
         *       "message": [
         *         "attachments must contain at least 1 elements",
         *         "attachments must be an array"
         *       ],
         *       "error": "Unprocessable Entity",
         *       "traceId": "6d1a6e4f-2f5c-4b7e-9a51-0c3f2b8e7d10"
         *     }
         */
        UnprocessableEntityResponse: {
            /** @example 422 */
            statusCode?: number;
            /**
             * @description Each problem HighLevel found; an array of strings, or one string.
             * @example [
             *       "attachments must contain at least 1 elements",
             *       "attachments must be an array"
             *     ]
             */
            message?: string[] | string;
            /** @example Unprocessable Entity */
            error?: string;
            /**
             * @description HighLevel's id for this request, for a support ticket.
             * @example 6d1a6e4f-2f5c-4b7e-9a51-0c3f2b8e7d10
             */
            traceId?: string;
            /** @description Sent by ghl-inbound's mock only, one per problem, naming the field. */
            violations?: components["schemas"]["RequestViolation"][];
        };
        /**
         * @description The error body HighLevel sends for other failures (429, 500).
         * @example {
         *       "statusCode": 500,
         *       "message": "Internal server error"
         *     }
         */
        ErrorResponse: {
            /** @example 500 */
            statusCode?: number;
            /** @example Internal server error */
            message?: string;
            /** @example Internal Server Error */
            error?: string;
        };
    };
    responses: {
        /** @description Created the message */
        MessageAdded: {
            headers: {
                "X-RateLimit-Max": components["headers"]["X-RateLimit-Max"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Interval-Milliseconds": components["headers"]["X-RateLimit-Interval-Milliseconds"];
                "X-RateLimit-Limit-Daily": components["headers"]["X-RateLimit-Limit-Daily"];
                "X-RateLimit-Daily-Remaining": components["headers"]["X-RateLimit-Daily-Remaining"];
                "X-RateLimit-Daily-Reset": components["headers"]["X-RateLimit-Daily-Reset"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "success": true,
                 *       "conversationId": "ABC12h2F6uBrIkfXYazb",
                 *       "messageId": "t22c6DQcTDf3MjRhwf77",
                 *       "message": "Message queued successfully.",
                 *       "contactId": "ve9EPM428h8vShlRW1KT",
                 *       "dateAdded": "2024-07-29T15:51:28.071Z"
                 *     }
                 */
                "application/json": components["schemas"]["InboundMessageResponse"];
            };
        };
        /**
         * @description Created the message. Not on the doc page: the real endpoint has been seen to answer 201
         *     (GoHighLevel/highlevel-api-docs#70). A 201 **with no body** came back when a `Custom`
         *     message was sent without `conversationProviderId`, and the message was **not** added:
         *     only a 201 carrying this body is a success.
         */
        MessageAddedCreated: {
            headers: {
                "X-RateLimit-Max": components["headers"]["X-RateLimit-Max"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Interval-Milliseconds": components["headers"]["X-RateLimit-Interval-Milliseconds"];
                "X-RateLimit-Limit-Daily": components["headers"]["X-RateLimit-Limit-Daily"];
                "X-RateLimit-Daily-Remaining": components["headers"]["X-RateLimit-Daily-Remaining"];
                "X-RateLimit-Daily-Reset": components["headers"]["X-RateLimit-Daily-Reset"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "success": true,
                 *       "conversationId": "ve9EPM428h8vShlRW1KT",
                 *       "messageId": "rnGyqh2F6uBrIkfhFo9A",
                 *       "message": "Message queued successfully.",
                 *       "contactId": "ve9EPM428h8vShlRW1KT",
                 *       "dateAdded": "2024-03-27T18:13:49.000Z",
                 *       "emailMessageId": "rnGyqh2F6uBrIkfhFo9A"
                 *     }
                 */
                "application/json": components["schemas"]["InboundMessageResponse"];
            };
        };
        /**
         * @description Bad Request: a value HighLevel checks past the schema was refused ("Invalid
         *     conversationProviderId" for a provider id that is unknown or belongs to another app's token,
         *     GoHighLevel/highlevel-api-docs#107), or a header was; nothing was added. A body that breaks
         *     the schema gets 422 instead. HighLevel's 400 bodies carry `error` too (#107). The mock's own
         *     400s add `violations` (one per problem, naming the header or field) and, when Prism refused
         *     the request itself, `title`.
         */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "statusCode": 400,
                 *       "message": "Invalid conversationProviderId",
                 *       "error": "Bad Request"
                 *     }
                 */
                "application/json": components["schemas"]["BadRequestResponse"];
            };
        };
        /** @description Unauthorized. The token is missing, invalid or expired; nothing was added. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "statusCode": 401,
                 *       "message": "Invalid token: access token is invalid",
                 *       "error": "Unauthorized"
                 *     }
                 */
                "application/json": components["schemas"]["UnauthorizedResponse"];
            };
        };
        /**
         * @description Forbidden. The token is valid but may not do this (a missing `conversations/message.write`
         *     scope, or a location the token does not belong to); nothing was added.
         */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "statusCode": 403,
                 *       "message": "The token does not have access to this location.",
                 *       "error": "Forbidden"
                 *     }
                 */
                "application/json": components["schemas"]["ForbiddenResponse"];
            };
        };
        /**
         * @description Not Found. The conversation or contact does not exist; nothing was added. HighLevel does not
         *     always say so with 404: an unknown id has come back as 400 or 500 instead
         *     (GoHighLevel/highlevel-api-docs#39), so a 400 or 500 may mean an unknown id too.
         */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "statusCode": 404,
                 *       "message": "Conversation not found",
                 *       "error": "Not Found"
                 *     }
                 */
                "application/json": components["schemas"]["NotFoundResponse"];
            };
        };
        /**
         * @description Unprocessable Entity: the body is well formed JSON but breaks the schema (HighLevel's
         *     validation layer); nothing was added. `message` lists each problem, one readable string per
         *     problem in class-validator's words (an array; a single string is possible too). Seen from the
         *     real endpoint in GoHighLevel/ghl-marketplace-app-template#11, for `attachments: []`:
         *     `{"statusCode":422,"message":["attachments must contain at least 1 elements","attachments must
         *     be an array"],"error":"Unprocessable Entity","traceId":"..."}`. The mock answers every body
         *     that breaks this spec's schema so, and adds `violations`, one per problem, naming the field
         *     (the example is the mock's answer to a `Custom` message with `attachments: []` and no provider id).
         */
        UnprocessableEntity: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "statusCode": 422,
                 *       "message": [
                 *         "attachments must contain at least 1 elements",
                 *         "conversationProviderId should not be empty when type is Custom"
                 *       ],
                 *       "error": "Unprocessable Entity",
                 *       "traceId": "6d1a6e4f-2f5c-4b7e-9a51-0c3f2b8e7d10",
                 *       "violations": [
                 *         {
                 *           "location": "body.attachments",
                 *           "code": "minItems",
                 *           "message": "attachments must contain at least 1 elements"
                 *         },
                 *         {
                 *           "location": "body.conversationProviderId",
                 *           "code": "required",
                 *           "message": "conversationProviderId should not be empty when type is Custom"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["UnprocessableEntityResponse"];
            };
        };
        /**
         * @description Too Many Requests. Not on the doc page: the burst limit (100 requests per 10 s per app per
         *     resource, Location or Company) or the daily limit (200,000) was reached. HighLevel's
         *     `docs/oauth/Authorization.md` documents the limits and the `X-RateLimit-*` headers; 429 is
         *     HTTP's status for them, and `Retry-After` may say how long to wait. When
         *     `X-RateLimit-Daily-Remaining` is `0` the day's budget is spent. Nothing was added, so sending
         *     again after the wait is safe.
         */
        TooManyRequests: {
            headers: {
                "Retry-After": components["headers"]["Retry-After"];
                "X-RateLimit-Max": components["headers"]["X-RateLimit-Max"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Interval-Milliseconds": components["headers"]["X-RateLimit-Interval-Milliseconds"];
                "X-RateLimit-Limit-Daily": components["headers"]["X-RateLimit-Limit-Daily"];
                "X-RateLimit-Daily-Remaining": components["headers"]["X-RateLimit-Daily-Remaining"];
                "X-RateLimit-Daily-Reset": components["headers"]["X-RateLimit-Daily-Reset"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "statusCode": 429,
                 *       "message": "Too many requests, please try again later.",
                 *       "error": "Too Many Requests"
                 *     }
                 */
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /**
         * @description Internal Server Error. Not on the doc page: the real endpoint answers 500 for a wrong
         *     `conversationProviderId` and for an invalid token (GoHighLevel/highlevel-api-docs#6).
         *     The message may or may not have been added; do not send it again blindly.
         */
        InternalServerError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "statusCode": 500,
                 *       "message": "Internal server error"
                 *     }
                 */
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
    };
    parameters: {
        /**
         * @description API Version. Every value HighLevel's own clients send for this operation is accepted:
         *     `2021-04-15` (what HighLevel's `apps/conversations.json` declares, and what ghl-inbound's
         *     client sends), `2021-07-28` (HighLevel's SDK 2.x, and 408 operations of HighLevel's
         *     `apps/*.json`), `2023-02-21` (HighLevel's SDK `@gohighlevel/api-client` 3.x, its default) and
         *     `v3` (`apps/v3/conversations-v3.json`). The mock refuses any other value with a 400 that
         *     names these.
         * @example 2021-04-15
         */
        Version: "2021-04-15" | "2021-07-28" | "2023-02-21" | "v3";
    };
    requestBodies: never;
    headers: {
        /** @description Requests allowed in the current burst interval (100 per 10 s per app per resource). */
        "X-RateLimit-Max": number;
        /** @description Requests left in the current burst interval (never more than `X-RateLimit-Max`). */
        "X-RateLimit-Remaining": number;
        /** @description Length of the burst interval, in milliseconds. */
        "X-RateLimit-Interval-Milliseconds": number;
        /** @description Requests allowed per day (200,000 per app per resource, Location or Company). */
        "X-RateLimit-Limit-Daily": number;
        /** @description Requests left today (never more than `X-RateLimit-Limit-Daily`); 0 when the day's budget is spent. */
        "X-RateLimit-Daily-Remaining": number;
        /**
         * @description Milliseconds until the day's budget starts again, as HighLevel's SDK
         *     (`@gohighlevel/api-client` 3.1, `dailyResetMs`) reads it. Optional: HighLevel's
         *     Authorization.md does not list it, and an answer may not carry it.
         */
        "X-RateLimit-Daily-Reset": number;
        /** @description Seconds to wait, or an HTTP date, before sending again (when the server sends it). */
        "Retry-After": string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    "add-an-inbound-message": {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description API Version. Every value HighLevel's own clients send for this operation is accepted:
                 *     `2021-04-15` (what HighLevel's `apps/conversations.json` declares, and what ghl-inbound's
                 *     client sends), `2021-07-28` (HighLevel's SDK 2.x, and 408 operations of HighLevel's
                 *     `apps/*.json`), `2023-02-21` (HighLevel's SDK `@gohighlevel/api-client` 3.x, its default) and
                 *     `v3` (`apps/v3/conversations-v3.json`). The mock refuses any other value with a 400 that
                 *     names these.
                 * @example 2021-04-15
                 */
                Version: components["parameters"]["Version"];
            };
            path?: never;
            cookie?: never;
        };
        /**
         * @description The message to add. Either `conversationId` or `contactId` is required;
         *     `conversationProviderId` is required for `Custom` and `Call`, optional for every other type.
         */
        requestBody: {
            content: {
                "application/json": components["schemas"]["InboundMessageRequest"];
            };
        };
        responses: {
            200: components["responses"]["MessageAdded"];
            201: components["responses"]["MessageAddedCreated"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
        };
    };
}
