/**
 * This file was generated from spec/openapi.yaml by packages/types/scripts/generate.mjs.
 * Do not edit it by hand: change the spec, then run `pnpm generate`.
 */

/**
 * The `Version` header value ghl-inbound sends: the spec's default, the one HighLevel's
 * apps/conversations.json declares. `ApiVersion` lists every value the spec accepts.
 */
export const API_VERSION = "2021-04-15" as const;

/** Every value the spec accepts in the `Version` header: what HighLevel's own clients send. */
export const API_VERSIONS = [
  "2021-04-15",
  "2021-07-28",
  "2023-02-21",
  "v3"
] as const;

/** Every value of the request's `type` field (HighLevel's 17). */
export const INBOUND_MESSAGE_TYPES = [
  "SMS",
  "Email",
  "WhatsApp",
  "GMB",
  "IG",
  "FB",
  "Custom",
  "WebChat",
  "Live_Chat",
  "Call",
  "RCS",
  "IVR_Call",
  "Campaign_Call",
  "Campaign_VoiceMail",
  "TIKTOK",
  "ALL_IN_ONE_CHAT",
  "FORM_SUBMISSION"
] as const;

/**
 * The types that need `conversationProviderId`: messages of a Custom or Call provider (HighLevel's
 * provider guide). Every other type may leave it out.
 */
export const PROVIDER_REQUIRED_MESSAGE_TYPES = [
  "Custom",
  "Call"
] as const;

/** The types that may leave out `conversationProviderId`: every type but Custom and Call. */
export const PROVIDER_OPTIONAL_MESSAGE_TYPES = [
  "SMS",
  "Email",
  "WhatsApp",
  "GMB",
  "IG",
  "FB",
  "WebChat",
  "Live_Chat",
  "RCS",
  "IVR_Call",
  "Campaign_Call",
  "Campaign_VoiceMail",
  "TIKTOK",
  "ALL_IN_ONE_CHAT",
  "FORM_SUBMISSION"
] as const;

/** Every value of `call.status`. */
export const CALL_STATUSES = [
  "pending",
  "completed",
  "answered",
  "busy",
  "no-answer",
  "failed",
  "canceled",
  "voicemail"
] as const;

/** Every value of `direction`; HighLevel assumes `outbound` when it is absent. */
export const MESSAGE_DIRECTIONS = [
  "inbound",
  "outbound"
] as const;

/** The operation's method, path and server, as the spec declares them. */
export const OPERATION = {
  "operationId": "add-an-inbound-message",
  "method": "POST",
  "path": "/conversations/messages/inbound",
  "serverUrl": "https://services.leadconnectorhq.com"
} as const;

/**
 * The spec's schemas as self-contained JSON Schemas (refs inlined, examples dropped), for
 * validators such as Ajv: what the spec forbids can be refused before anything is sent.
 */
export const jsonSchemas = {
  "InboundMessageRequest": {
    "description": "Post the necessary fields for the API to add a new inbound message.\nTwo rules beside the fields: `conversationId` or `contactId` is required (both may be sent),\nand `conversationProviderId` is required when `type` is `Custom` or `Call`.\n",
    "allOf": [
      {
        "type": "object",
        "description": "Every field of the request body. Only `type` is always required; InboundMessageRequest adds\nthe rules for `conversationId`/`contactId` and for `conversationProviderId`.\n",
        "required": [
          "type"
        ],
        "additionalProperties": false,
        "properties": {
          "type": {
            "type": "string",
            "description": "Message Type. The public doc page (2025-10-11) lists the first ten of these; HighLevel's\n`apps/conversations.json` (`d9cbcd5`, 2026-05-01) added `RCS`, `IVR_Call`, `Campaign_Call`,\n`Campaign_VoiceMail`, `TIKTOK`, `ALL_IN_ONE_CHAT` and `FORM_SUBMISSION` (see\n`x-ghl-inbound-value-sources`). Only `Custom` and `Call` need `conversationProviderId`.\n",
            "enum": [
              "SMS",
              "Email",
              "WhatsApp",
              "GMB",
              "IG",
              "FB",
              "Custom",
              "WebChat",
              "Live_Chat",
              "Call",
              "RCS",
              "IVR_Call",
              "Campaign_Call",
              "Campaign_VoiceMail",
              "TIKTOK",
              "ALL_IN_ONE_CHAT",
              "FORM_SUBMISSION"
            ]
          },
          "attachments": {
            "type": "array",
            "description": "Array of attachments: the URL of each file. When sent, it holds at least one (HighLevel refuses an empty list with 422 \"attachments must contain at least 1 elements\").",
            "minItems": 1,
            "items": {
              "type": "string",
              "format": "uri",
              "description": "The URL of an attached file."
            }
          },
          "message": {
            "type": "string",
            "description": "Message Body"
          },
          "conversationId": {
            "type": "string",
            "description": "Conversation Id",
            "minLength": 1
          },
          "contactId": {
            "type": "string",
            "description": "Contact Id",
            "minLength": 1
          },
          "conversationProviderId": {
            "type": "string",
            "description": "Conversation Provider Id. Required for `Custom` and `Call`; optional for every other type. Extra email providers use type `Custom`. It only works with a token of the app that owns the provider.",
            "minLength": 1
          },
          "html": {
            "type": "string",
            "description": "HTML Body of Email"
          },
          "subject": {
            "type": "string",
            "description": "Subject of the Email"
          },
          "emailFrom": {
            "type": "string",
            "description": "Email address to send from. This field is associated with the contact record and cannot be dynamically changed."
          },
          "emailTo": {
            "type": "string",
            "description": "Recipient email address. This field is associated with the contact record and cannot be dynamically changed."
          },
          "emailCc": {
            "type": "array",
            "description": "List of email address to CC",
            "items": {
              "type": "string"
            }
          },
          "emailBcc": {
            "type": "array",
            "description": "List of email address to BCC",
            "items": {
              "type": "string"
            }
          },
          "emailMessageId": {
            "type": "string",
            "description": "Send the email message id for which this email should be threaded. This is for replying to a specific email: the HighLevel id that an earlier response's `emailMessageId` gave (not an RFC 5322 Message-ID)."
          },
          "altId": {
            "type": "string",
            "description": "external mail provider's message id: the caller's own handle for the message, useful to find it again (this endpoint has no idempotency key)."
          },
          "direction": {
            "type": "string",
            "description": "Message direction, if required can be set manually, default is outbound",
            "enum": [
              "inbound",
              "outbound"
            ],
            "default": "outbound"
          },
          "date": {
            "type": "string",
            "format": "date-time",
            "description": "Date of the inbound message"
          },
          "call": {
            "type": "object",
            "description": "Phone call dialer and receiver information",
            "additionalProperties": false,
            "properties": {
              "to": {
                "type": "string",
                "description": "Phone number of the receiver"
              },
              "from": {
                "type": "string",
                "description": "Phone number of the dialer"
              },
              "status": {
                "type": "string",
                "description": "Call status",
                "enum": [
                  "pending",
                  "completed",
                  "answered",
                  "busy",
                  "no-answer",
                  "failed",
                  "canceled",
                  "voicemail"
                ]
              }
            }
          }
        }
      },
      {
        "description": "Where the message goes. Either `conversationId` or `contactId` is required.",
        "anyOf": [
          {
            "type": "object",
            "description": "A message addressed by its conversation.",
            "required": [
              "conversationId"
            ],
            "properties": {
              "conversationId": {
                "type": "string",
                "description": "Conversation Id",
                "minLength": 1
              }
            }
          },
          {
            "type": "object",
            "description": "A message addressed by its contact.",
            "required": [
              "contactId"
            ],
            "properties": {
              "contactId": {
                "type": "string",
                "description": "Contact Id",
                "minLength": 1
              }
            }
          }
        ]
      },
      {
        "description": "Which conversation provider the message came through. `Custom` and `Call` messages come from\na provider of the app sending them and need its `conversationProviderId`; every other type\nmay leave it out. Extra email providers use type `Custom`: an `Email` with an extra\nprovider's id goes to the default email channel (highlevel-api-docs#19). A provider id only\nworks with a token of the app that owns the provider; with another token HighLevel answers\n400 \"Invalid conversationProviderId\" (highlevel-api-docs#107).\n",
        "oneOf": [
          {
            "type": "object",
            "description": "`Custom` and `Call`: messages of a Custom or Call conversation provider; `conversationProviderId`\nis required (HighLevel's provider guide, highlevel-api-docs#70).\n",
            "required": [
              "type",
              "conversationProviderId"
            ],
            "properties": {
              "type": {
                "type": "string",
                "enum": [
                  "Custom",
                  "Call"
                ]
              },
              "conversationProviderId": {
                "type": "string",
                "minLength": 1
              }
            }
          },
          {
            "type": "object",
            "description": "Every other type: native channels (WhatsApp, GMB, IG, FB, WebChat, Live_Chat, RCS, TikTok ...)\nhave no provider id to send; `SMS` and `Email` need one only through an extra provider of\nthe app's own. `conversationProviderId` is optional.\n",
            "required": [
              "type"
            ],
            "properties": {
              "type": {
                "type": "string",
                "enum": [
                  "SMS",
                  "Email",
                  "WhatsApp",
                  "GMB",
                  "IG",
                  "FB",
                  "WebChat",
                  "Live_Chat",
                  "RCS",
                  "IVR_Call",
                  "Campaign_Call",
                  "Campaign_VoiceMail",
                  "TIKTOK",
                  "ALL_IN_ONE_CHAT",
                  "FORM_SUBMISSION"
                ]
              }
            }
          }
        ]
      }
    ]
  },
  "InboundMessageResponse": {
    "type": "object",
    "description": "The message was added.",
    "required": [
      "success",
      "conversationId",
      "messageId",
      "message"
    ],
    "properties": {
      "success": {
        "type": "boolean",
        "const": true,
        "description": "Always true in a success body."
      },
      "conversationId": {
        "type": "string",
        "description": "Conversation ID."
      },
      "messageId": {
        "type": "string",
        "description": "This is the main Message ID"
      },
      "message": {
        "type": "string",
        "description": "Result message returned after processing."
      },
      "contactId": {
        "type": "string",
        "description": "Contact ID associated with the message."
      },
      "dateAdded": {
        "type": "string",
        "format": "date-time",
        "description": "When the message was added."
      },
      "emailMessageId": {
        "type": "string",
        "description": "For type Email on the default email channel, the thread to reply to: send it back as a later request's `emailMessageId`."
      }
    }
  },
  "BadRequestResponse": {
    "type": "object",
    "description": "Bad Request (HighLevel's BadRequestDTO, with the `error` the real endpoint sends). The mock's\nown 400s add `violations` and, when Prism refused the request, `title`.\n",
    "properties": {
      "statusCode": {
        "type": "number"
      },
      "message": {
        "type": "string"
      },
      "error": {
        "type": "string"
      },
      "violations": {
        "type": "array",
        "description": "Sent by ghl-inbound's mock only, one per problem found in the request.",
        "items": {
          "type": "object",
          "description": "One problem the mock found in a request.",
          "required": [
            "location",
            "code",
            "message"
          ],
          "properties": {
            "location": {
              "type": "string",
              "description": "Where the problem is, such as `body.call.status` or `header.version`."
            },
            "code": {
              "type": "string",
              "description": "The JSON Schema keyword that failed (`required`, `enum`, `minItems` ...) or Prism's code."
            },
            "message": {
              "type": "string",
              "description": "The problem in one sentence that names the field, as in the answer's `message`."
            }
          }
        }
      },
      "title": {
        "type": "string",
        "description": "Sent by ghl-inbound's mock only, when Prism itself refused the request."
      }
    }
  },
  "UnauthorizedResponse": {
    "type": "object",
    "description": "Unauthorized (HighLevel's UnauthorizedDTO).",
    "properties": {
      "statusCode": {
        "type": "number"
      },
      "message": {
        "type": "string"
      },
      "error": {
        "type": "string"
      }
    }
  },
  "ForbiddenResponse": {
    "type": "object",
    "description": "Forbidden (HighLevel's ForbiddenDTO, apps/v3/common/common-schemas.json).",
    "properties": {
      "statusCode": {
        "type": "number"
      },
      "message": {
        "type": "string"
      },
      "error": {
        "type": "string"
      }
    }
  },
  "NotFoundResponse": {
    "type": "object",
    "description": "Not Found (HighLevel's NotFoundDTO, apps/v3/common/common-schemas.json, with `error`).",
    "properties": {
      "statusCode": {
        "type": "number"
      },
      "message": {
        "type": "string"
      },
      "error": {
        "type": "string"
      }
    }
  },
  "UnprocessableEntityResponse": {
    "type": "object",
    "description": "Unprocessable Entity (HighLevel's UnprocessableDTO, common/common-schemas.json, as the real\nendpoint sends it): `message` lists the problems, `traceId` identifies the request for support.\n",
    "properties": {
      "statusCode": {
        "type": "number"
      },
      "message": {
        "description": "Each problem HighLevel found; an array of strings, or one string.",
        "oneOf": [
          {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          {
            "type": "string"
          }
        ]
      },
      "error": {
        "type": "string"
      },
      "traceId": {
        "type": "string",
        "description": "HighLevel's id for this request, for a support ticket."
      },
      "violations": {
        "type": "array",
        "description": "Sent by ghl-inbound's mock only, one per problem, naming the field.",
        "items": {
          "type": "object",
          "description": "One problem the mock found in a request.",
          "required": [
            "location",
            "code",
            "message"
          ],
          "properties": {
            "location": {
              "type": "string",
              "description": "Where the problem is, such as `body.call.status` or `header.version`."
            },
            "code": {
              "type": "string",
              "description": "The JSON Schema keyword that failed (`required`, `enum`, `minItems` ...) or Prism's code."
            },
            "message": {
              "type": "string",
              "description": "The problem in one sentence that names the field, as in the answer's `message`."
            }
          }
        }
      }
    }
  },
  "ErrorResponse": {
    "type": "object",
    "description": "The error body HighLevel sends for other failures (429, 500).",
    "properties": {
      "statusCode": {
        "type": "number"
      },
      "message": {
        "type": "string"
      },
      "error": {
        "type": "string"
      }
    }
  }
} as const;
