/**
 * @module @quire/client
 * Quire's browser data layer, without React or Lexical: memberships and the relay's HTTP API,
 * the workspace index, the documents on this device (IndexedDB) and on the relay (y-websocket),
 * save states, background sync and storage warnings. apps/web and the bench import only from here.
 */
export { ApiClient, MAX_USER_NAME, MAX_WORKSPACE_NAME, normalizeSignInCode } from "./ApiClient.ts";
export type { ApiClientOptions, DocumentAccessAnswer } from "./ApiClient.ts";
export { ClassClient, MAX_GROUP_NAME, MAX_MEMBER_NAME, MAX_SHARE_LABEL } from "./ClassClient.ts";
export type { ClassClientOptions, DocumentChange, MemberChange } from "./ClassClient.ts";
export { CLASS_RESPONSE_LIMITS, parseClassDocuments, parseClassGroups, parseClassMembers } from "./class-responses.ts";
export type { ClassDocument, ClassGroup, ClassMember } from "./class-responses.ts";
export { SHARE_LINK_LIMITS, parseShareLinks } from "./share-link-responses.ts";
export type { ShareLink } from "./share-link-responses.ts";
export { openShareLink, viewSharedDoc } from "./SharedDocViewer.ts";
export type { SharedDoc, SharedDocState } from "./SharedDocViewer.ts";
export { ApiError } from "./ApiError.ts";
export { HistoryClient, MAX_VERSION_NAME, MAX_VERSION_UPDATE_BYTES } from "./HistoryClient.ts";
export type { HistoryClientOptions } from "./HistoryClient.ts";
export { HISTORY_RESPONSE_LIMITS, parseContributions, parseCreatedVersion, parseHistoryBundle, parseVersionList } from "./history-responses.ts";
export type { ContributionRow, HistoryBundle, Participant, VersionInfo, VersionKind } from "./history-responses.ts";
export type { ConnectionState, DocHandle, DocHandleEvents, SaveState } from "./doc-handle.ts";
export { CLIENT_MESSAGES_EN, setClientTranslator } from "./client-messages.ts";
export type { ClientMessageKey, ClientMessageParams, ClientTranslator } from "./client-messages.ts";
export { DocReplica } from "./DocReplica.ts";
export { fetchHubLinkStatus, parseHubLinkStatus } from "./hub-link-status.ts";
export type { HubLinkStatus } from "./hub-link-status.ts";
export { DocumentAccess } from "./DocumentAccess.ts";
export type { DocumentAccessOptions } from "./DocumentAccess.ts";
export { accessRefusalFromClose, isReadOnlyRefusal } from "./access-refusal.ts";
export type { AccessRefusal, AccessRefusalKind } from "./access-refusal.ts";
export { parseReadableDocuments } from "./readable-documents.ts";
export type { ReadableDocument, ReadableDocuments } from "./readable-documents.ts";
export type { DocReplicaOptions } from "./doc-replica-options.ts";
export { REPLICA_TRANSITIONS, ReplicaLifecycle } from "./ReplicaLifecycle.ts";
export type { ReplicaState } from "./ReplicaLifecycle.ts";
export { DOC_ID, newDocId } from "./doc-id.ts";
export { DeviceStore } from "./DeviceStore.ts";
export { readDeviceDocument } from "./device-document.ts";
export { WORKSPACE_ID, memberKey, parseMembership } from "./membership.ts";
export { createLocalWorkspace } from "./local-workspace.ts";
export { probeRelay } from "./relay-reachability.ts";
export type { Reachability } from "./relay-reachability.ts";
export { signOut } from "./sign-out.ts";
export { startWorkspace } from "./start-workspace.ts";
export { UnsavedWorkFlusher } from "./UnsavedWorkFlusher.ts";
export type { SignOutResult } from "./sign-out.ts";
export type { ClassRole, MemberRole, Membership } from "./membership.ts";
export { MembershipStore } from "./MembershipStore.ts";
export type { KeyValueStorage } from "./MembershipStore.ts";
export { StorageMonitor, describeWriteError } from "./StorageMonitor.ts";
export type { StorageEstimator, StorageStatus } from "./StorageMonitor.ts";
export { formatBytes, parseStorageUsage } from "./storage-usage.ts";
export type { StorageUsage, UsageFigure } from "./storage-usage.ts";
export { SyncQueue } from "./SyncQueue.ts";
export { SYNC_FILE_ORIGIN, exportFromDevice, importToDevice } from "./sync-files.ts";
export type { SyncFileOptions } from "./sync-files.ts";
export { deviceKeyId, deviceSigningKey } from "./device-signing-key.ts";
export { WEB_LIMITS } from "./web-limits.ts";
export { MAX_TITLE_LENGTH, ReadOnlyIndexError, UNTITLED, WorkspaceIndex } from "./WorkspaceIndex.ts";
export type { DocEntry } from "./WorkspaceIndex.ts";
export { WorkspaceSession } from "./WorkspaceSession.ts";
export type { WorkspaceSessionOptions } from "./WorkspaceSession.ts";
export { deviceCopyFingerprint, existingDatabases, readDeviceCopyDoc } from "./device-copy-reader.ts";
export type { DeviceCopyDoc } from "./device-copy-reader.ts";
export { deviceCopyName } from "./device-copy-name.ts";
