import type { InboundMessageRequest, InboundMessageType } from "@ghl-inbound/types";

/** How a body addresses its conversation: the spec requires one of the two ids and allows both. */
export const ID_VARIANTS = ["conversationId", "contactId", "both"] as const;
export type IdVariant = (typeof ID_VARIANTS)[number];

const provider = "61d6d1f9cdac7612faf80753";
const id = "ve9EPM428h8vShlRW1KT";

/** The fields a message of each type carries in real use, beyond the required ones. */
const fieldsByType: Partial<Record<InboundMessageType, Partial<InboundMessageRequest>>> = {
  Email: {
    subject: "Re: your quote",
    html: "<p>Thanks</p>",
    emailFrom: "sender@company.com",
    emailTo: "support@company.com",
    emailCc: ["john1@doe.com"],
    emailBcc: ["john2@doe.com"],
    emailMessageId: "rnGyqh2F6uBrIkfhFo9A",
    altId: "external-123",
  },
  Call: { call: { to: "+15037081210", from: "+15037081210", status: "completed" } },
  Custom: { attachments: ["https://example.com/files/quote.pdf"] },
};

/**
 * A body the spec allows for `type`, addressed by one of the two ids or by both. It names a
 * provider for every type: HighLevel needs one for all but SMS and Email on the default provider
 * (`withoutProvider` leaves it out for those).
 */
export function validBody(
  type: InboundMessageType,
  idVariant: IdVariant,
  { withoutProvider = false }: { withoutProvider?: boolean } = {},
): InboundMessageRequest {
  const addressed = {
    conversationId: { conversationId: id },
    contactId: { contactId: id },
    both: { conversationId: id, contactId: id },
  }[idVariant];
  const body = {
    type,
    ...(!withoutProvider && { conversationProviderId: provider }),
    message: `A ${type} message`,
    direction: "inbound",
    date: "2024-07-29T15:51:28.071Z",
    ...fieldsByType[type],
    ...addressed,
  };
  // `type` is any of the 17 here, so TypeScript cannot pick the provider rule's branch itself;
  // the suites check every such body against the spec at run time.
  return body as InboundMessageRequest;
}

/** The ids a success answer carries back from the request (the mock echoes them, as HighLevel does). */
export function idsSentIn(
  body: InboundMessageRequest,
): Pick<InboundMessageRequest, "conversationId" | "contactId"> {
  return {
    ...(body.conversationId !== undefined && { conversationId: body.conversationId }),
    ...(body.contactId !== undefined && { contactId: body.contactId }),
  };
}
