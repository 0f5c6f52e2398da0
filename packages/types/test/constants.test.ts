import { describe, expect, expectTypeOf, it } from "vitest";
import {
  API_VERSION,
  API_VERSIONS,
  type ApiVersion,
  CALL_STATUSES,
  type CallStatus,
  INBOUND_MESSAGE_TYPES,
  type InboundMessageType,
  MESSAGE_DIRECTIONS,
  type MessageDirection,
} from "../src/index.js";
import { readSpec } from "./helpers.js";

const schemas = readSpec().components.schemas;

describe("runtime constants", () => {
  it("carry the spec's enums in the spec's order", () => {
    expect(INBOUND_MESSAGE_TYPES).toEqual(schemas.InboundMessageType.enum);
    expect(CALL_STATUSES).toEqual(schemas.CallStatus.enum);
    expect(MESSAGE_DIRECTIONS).toEqual(schemas.MessageDirection.enum);
    expect(API_VERSION).toBe("2021-04-15");
    expect(API_VERSIONS).toEqual(["2021-04-15", "2021-07-28", "2023-02-21", "v3"]);
  });

  it("have exactly the element types of the generated unions", () => {
    expectTypeOf<(typeof INBOUND_MESSAGE_TYPES)[number]>().toEqualTypeOf<InboundMessageType>();
    expectTypeOf<(typeof CALL_STATUSES)[number]>().toEqualTypeOf<CallStatus>();
    expectTypeOf<(typeof MESSAGE_DIRECTIONS)[number]>().toEqualTypeOf<MessageDirection>();
    expectTypeOf<(typeof API_VERSIONS)[number]>().toEqualTypeOf<ApiVersion>();
    expectTypeOf<typeof API_VERSION>().toExtend<ApiVersion>();
  });
});
