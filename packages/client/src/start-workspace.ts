/**
 * @module start-workspace
 * Starting a workspace works with or without the relay (local-first start): with the relay it
 * is created there (owner token and join codes at once); with no network, or a relay that does
 * not answer, it is created on this device and registered later under the same id
 * (WorkspaceRegistrar). A relay that answers with a refusal is reported, never bypassed.
 */
import { type ApiClient, MAX_USER_NAME, MAX_WORKSPACE_NAME, type NameField, nameMissing, nameTooLong } from "./ApiClient.ts";
import { ApiError } from "./ApiError.ts";
import { createLocalWorkspace } from "./local-workspace.ts";
import type { Membership } from "./membership.ts";
import type { Reachability } from "./relay-reachability.ts";

export async function startWorkspace(
  api: Pick<ApiClient, "createWorkspace">,
  workspaceName: string,
  userName: string,
  reachability: Reachability | null,
): Promise<Membership> {
  const name = checked(workspaceName, MAX_WORKSPACE_NAME, "workspaceName");
  const user = checked(userName, MAX_USER_NAME, "userName");
  if (reachability === "offline" || reachability === "unreachable") return createLocalWorkspace(name, user);
  try {
    return await api.createWorkspace(name, user);
  } catch (error) {
    if (error instanceof ApiError && error.isNetwork) return createLocalWorkspace(name, user);
    throw error;
  }
}

function checked(value: string, max: number, field: NameField): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw new ApiError(400, "invalid_name", nameMissing(field));
  if ([...trimmed].length > max) throw new ApiError(400, "invalid_name", nameTooLong(field, max));
  return trimmed;
}
