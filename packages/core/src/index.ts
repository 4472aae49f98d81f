export {
  MAX_DOC_NAME_LENGTH,
  CLASS_INDEX_PART,
  assertDocName,
  checkDocName,
  indexPartDocName,
  isValidDocName,
  parseIndexPartDocName,
  workspaceIndexDocName,
  workspaceOf,
} from "./doc-name.ts";
export type { DocNameCheck, IndexPart } from "./doc-name.ts";
export { DEFAULT_LIMITS, MiB } from "./limits.ts";
export type { Limits } from "./limits.ts";
export { CloseCode, MessageType, QuireMessage, ROLES, claimsCoverDoc } from "./protocol.ts";
export type { Role, TokenClaims } from "./protocol.ts";
export { CLASS_ROLES, tokenRoleOf } from "./class-role.ts";
export type { ClassRole } from "./class-role.ts";
export { decodeQuireMessage, encodeAck, encodeAckSubscribe, encodeRelayInfo } from "./ack-message.ts";
export type { QuireMessageDecoded } from "./ack-message.ts";
export { TOKEN_SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX, tokenFromSubprotocols, tokenSubprotocols } from "./token-subprotocol.ts";
export { createQuireDoc, mergeStoredUpdates, stateVectorCovers } from "./document.ts";
export type { Checkpoint, ClockRange, ProvenanceRecord } from "./provenance.ts";
export {
  MAX_MUX_CHANNEL_ID,
  MAX_MUX_CLOSE_REASON_BYTES,
  MUX_PATH,
  MuxControl,
  MuxFrameError,
  decodeMuxFrame,
  encodeMuxClose,
  encodeMuxData,
  encodeMuxOpen,
} from "./mux-frames.ts";
export type { MuxFrame } from "./mux-frames.ts";
