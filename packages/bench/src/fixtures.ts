// What every benchmark sends and answers: the spec's own examples, so the client's validation of
// both ends does its real work (an SMS on a conversation, with a date-time; the documented 200).
import { createHighLevelClient, type HighLevelClient } from "@ghl-inbound/client";
import {
  HIGHLEVEL_BURST_INTERVAL_MS,
  HIGHLEVEL_BURST_LIMIT,
  HIGHLEVEL_DAILY_LIMIT,
} from "@ghl-inbound/limiter";
import { API_VERSION, type InboundMessageRequest, type InboundMessageResponse } from "@ghl-inbound/types";

/** The `sms` request example of spec/openapi.yaml. */
export const MESSAGE_BODY: InboundMessageRequest = {
  type: "SMS",
  message: "Hi, is my order on its way?",
  conversationId: "ve9EPM428h8vShlRW1KT",
  conversationProviderId: "61d6d1f9cdac7612faf80753",
  direction: "inbound",
  date: "2024-07-29T15:51:28.071Z",
};

/** The `MessageAdded` (200) example of spec/openapi.yaml. */
export const SUCCESS_BODY: InboundMessageResponse = {
  success: true,
  conversationId: "ABC12h2F6uBrIkfXYazb",
  messageId: "t22c6DQcTDf3MjRhwf77",
  message: "string",
  contactId: "string",
  dateAdded: "2024-07-29T15:51:28.071Z",
  emailMessageId: "string",
};

/** The rate-limit headers HighLevel sends with every answer (the spec's header examples), from its limits. */
export const RATE_LIMIT_HEADERS = {
  "X-RateLimit-Max": String(HIGHLEVEL_BURST_LIMIT),
  "X-RateLimit-Remaining": String(HIGHLEVEL_BURST_LIMIT - 1),
  "X-RateLimit-Interval-Milliseconds": String(HIGHLEVEL_BURST_INTERVAL_MS),
  "X-RateLimit-Limit-Daily": String(HIGHLEVEL_DAILY_LIMIT),
  "X-RateLimit-Daily-Remaining": String(HIGHLEVEL_DAILY_LIMIT - 1),
} as const;

/** A made-up token: every server here is local, nothing checks it. */
export const ACCESS_TOKEN = "bench-token-0123456789abcdef";

export const OPERATION_PATH = "/conversations/messages/inbound";

/** The headers our client sends, for a raw fetch that sends the same request. */
export const REQUEST_HEADERS = {
  Authorization: `Bearer ${ACCESS_TOKEN}`,
  Version: API_VERSION,
  "Content-Type": "application/json",
  Accept: "application/json",
  "User-Agent": "ghl-inbound-bench",
} as const;

/** Our client as every client benchmark builds it: the fixtures' token and User-Agent, defaults otherwise. */
export function createBenchClient(baseUrl: string): HighLevelClient {
  return createHighLevelClient({
    accessToken: ACCESS_TOKEN,
    baseUrl,
    userAgent: REQUEST_HEADERS["User-Agent"],
  });
}
