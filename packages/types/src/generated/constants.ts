/**
 * This file was generated from spec/openapi.yaml by packages/types/scripts/generate.mjs.
 * Do not edit it by hand: change the spec, then run `pnpm generate`.
 */

/** The only value HighLevel accepts in the `Version` header of this operation. */
export const API_VERSION = "2021-04-15" as const;

/** Every value of the request's `type` field. */
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
  "Call"
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
    "description": "Post the necessary fields for the API to add a new inbound message.\nEither `conversationId` or `contactId` is required (both may be sent).\n",
    "anyOf": [
      {
        "description": "An inbound message addressed by its conversation.",
        "allOf": [
          {
            "type": "object",
            "description": "Every field of the request body. `type` and `conversationProviderId` are always required;\nInboundMessageRequest adds the rule that `conversationId` or `contactId` is.\n",
            "required": [
              "type",
              "conversationProviderId"
            ],
            "additionalProperties": false,
            "properties": {
              "type": {
                "type": "string",
                "description": "Message Type",
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
                  "Call"
                ]
              },
              "attachments": {
                "type": "array",
                "description": "Array of attachments",
                "items": {
                  "type": "string"
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
                "description": "Conversation Provider Id",
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
                "description": "Send the email message id for which this email should be threaded. This is for replying to a specific email"
              },
              "altId": {
                "type": "string",
                "description": "external mail provider's message id"
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
            "type": "object",
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
          }
        ]
      },
      {
        "description": "An inbound message addressed by its contact.",
        "allOf": [
          {
            "type": "object",
            "description": "Every field of the request body. `type` and `conversationProviderId` are always required;\nInboundMessageRequest adds the rule that `conversationId` or `contactId` is.\n",
            "required": [
              "type",
              "conversationProviderId"
            ],
            "additionalProperties": false,
            "properties": {
              "type": {
                "type": "string",
                "description": "Message Type",
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
                  "Call"
                ]
              },
              "attachments": {
                "type": "array",
                "description": "Array of attachments",
                "items": {
                  "type": "string"
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
                "description": "Conversation Provider Id",
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
                "description": "Send the email message id for which this email should be threaded. This is for replying to a specific email"
              },
              "altId": {
                "type": "string",
                "description": "external mail provider's message id"
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
            "type": "object",
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
        "type": "string"
      },
      "contactId": {
        "type": "string"
      },
      "dateAdded": {
        "type": "string",
        "format": "date-time"
      },
      "emailMessageId": {
        "type": "string",
        "description": "For type Email on the default email channel, the thread to reply to."
      }
    }
  },
  "BadRequestResponse": {
    "type": "object",
    "description": "Bad Request (HighLevel's BadRequestDTO).",
    "properties": {
      "statusCode": {
        "type": "number"
      },
      "message": {
        "type": "string"
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
  "ErrorResponse": {
    "type": "object",
    "description": "The error body HighLevel sends for other failures.",
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
