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
         *     **Note:** Either `conversationId` or `contactId` is required.
         *
         *     Requirements: scope `conversations/message.write`; auth method OAuth Access Token or
         *     Private Integration Token; token type Sub-Account Token.
         *
         *     Rate limits (HighLevel `docs/oauth/Authorization.md`): a burst of 100 requests per
         *     10 seconds and 200,000 requests per day, per app per location. Every answer carries the
         *     `X-RateLimit-*` headers.
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
         * @description Message Type
         * @example SMS
         * @enum {string}
         */
        InboundMessageType: "SMS" | "Email" | "WhatsApp" | "GMB" | "IG" | "FB" | "Custom" | "WebChat" | "Live_Chat" | "Call";
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
         *       "from": "+15037081210",
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
             * @example +15037081210
             */
            from?: string;
            status?: components["schemas"]["CallStatus"];
        };
        /**
         * @description Post the necessary fields for the API to add a new inbound message.
         *     Either `conversationId` or `contactId` is required (both may be sent).
         * @example {
         *       "type": "SMS",
         *       "message": "Hi, is my order on its way?",
         *       "conversationId": "ve9EPM428h8vShlRW1KT",
         *       "conversationProviderId": "61d6d1f9cdac7612faf80753",
         *       "direction": "inbound",
         *       "date": "2024-07-29T15:51:28.071Z"
         *     }
         */
        InboundMessageRequest: components["schemas"]["InboundMessageByConversationId"] | components["schemas"]["InboundMessageByContactId"];
        /** @description An inbound message addressed by its conversation. */
        InboundMessageByConversationId: components["schemas"]["InboundMessageFields"] & {
            /**
             * @description Conversation Id
             * @example ve9EPM428h8vShlRW1KT
             */
            conversationId: string;
        };
        /** @description An inbound message addressed by its contact. */
        InboundMessageByContactId: components["schemas"]["InboundMessageFields"] & {
            /**
             * @description Contact Id
             * @example ve9EPM428h8vShlRW1KT
             */
            contactId: string;
        };
        /**
         * @description Every field of the request body. `type` and `conversationProviderId` are always required;
         *     InboundMessageRequest adds the rule that `conversationId` or `contactId` is.
         */
        InboundMessageFields: {
            type: components["schemas"]["InboundMessageType"];
            /**
             * @description Array of attachments
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
             * @description Conversation Provider Id
             * @example 61d6d1f9cdac7612faf80753
             */
            conversationProviderId: string;
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
             * @description Send the email message id for which this email should be threaded. This is for replying to a specific email
             * @example <CAF=abc123@mail.gmail.com>
             */
            emailMessageId?: string;
            /**
             * @description external mail provider's message id
             * @example 61d6d1f9cdac7612faf80753
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
         *       "message": "string",
         *       "contactId": "string",
         *       "dateAdded": "2024-07-29T15:51:28.071Z",
         *       "emailMessageId": "string"
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
            /** @example string */
            message: string;
            /** @example string */
            contactId?: string;
            /**
             * Format: date-time
             * @example 2024-07-29T15:51:28.071Z
             */
            dateAdded?: string;
            /**
             * @description For type Email on the default email channel, the thread to reply to.
             * @example string
             */
            emailMessageId?: string;
        };
        /**
         * @description Bad Request (HighLevel's BadRequestDTO).
         * @example {
         *       "statusCode": 400,
         *       "message": "Bad Request"
         *     }
         */
        BadRequestResponse: {
            /** @example 400 */
            statusCode?: number;
            /** @example Bad Request */
            message?: string;
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
         * @description The error body HighLevel sends for other failures.
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
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "success": true,
                 *       "conversationId": "ABC12h2F6uBrIkfXYazb",
                 *       "messageId": "t22c6DQcTDf3MjRhwf77",
                 *       "message": "string",
                 *       "contactId": "string",
                 *       "dateAdded": "2024-07-29T15:51:28.071Z",
                 *       "emailMessageId": "string"
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
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "success": true,
                 *       "conversationId": "ABC12h2F6uBrIkfXYazb",
                 *       "messageId": "t22c6DQcTDf3MjRhwf77",
                 *       "message": "string",
                 *       "contactId": "string",
                 *       "dateAdded": "2024-07-29T15:51:28.071Z",
                 *       "emailMessageId": "string"
                 *     }
                 */
                "application/json": components["schemas"]["InboundMessageResponse"];
            };
        };
        /** @description Bad Request */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "statusCode": 400,
                 *       "message": "Bad Request"
                 *     }
                 */
                "application/json": components["schemas"]["BadRequestResponse"];
            };
        };
        /** @description Unauthorized */
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
         * @description Too Many Requests. Not on the doc page: the burst limit (100 requests per 10 s per app per
         *     location) or the daily limit (200,000) was reached. HighLevel's `docs/oauth/Authorization.md`
         *     documents the limits and the `X-RateLimit-*` headers; 429 is HTTP's status for them, and
         *     `Retry-After` may say how long to wait. Nothing was added, so sending again after the
         *     wait is safe.
         */
        TooManyRequests: {
            headers: {
                "Retry-After": components["headers"]["Retry-After"];
                "X-RateLimit-Max": components["headers"]["X-RateLimit-Max"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Interval-Milliseconds": components["headers"]["X-RateLimit-Interval-Milliseconds"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "statusCode": 429,
                 *       "message": "Too many requests"
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
         * @description API Version
         * @example 2021-04-15
         */
        Version: "2021-04-15";
    };
    requestBodies: never;
    headers: {
        /** @description Requests allowed in the current burst interval (100 per 10 s per app per location). */
        "X-RateLimit-Max": number;
        /** @description Requests left in the current burst interval. */
        "X-RateLimit-Remaining": number;
        /** @description Length of the burst interval, in milliseconds. */
        "X-RateLimit-Interval-Milliseconds": number;
        /** @description Requests allowed per day (200,000 per app per location). */
        "X-RateLimit-Limit-Daily": number;
        /** @description Requests left today. */
        "X-RateLimit-Daily-Remaining": number;
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
                 * @description API Version
                 * @example 2021-04-15
                 */
                Version: components["parameters"]["Version"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The message to add. Either `conversationId` or `contactId` is required. */
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
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
        };
    };
}
