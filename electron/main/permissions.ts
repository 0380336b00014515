// Runs in: Electron main. Web permissions: the microphone for our own window, nothing else.
import type { PermissionCheckHandlerHandlerDetails, PermissionRequest, Session, WebContents } from 'electron';

type Permission = Parameters<Parameters<Session['setPermissionCheckHandler']>[0] & object>[1];

export interface PermissionPolicy {
  isAppUrl(url: string): boolean;
  /** True for web contents of our own windows. */
  isOurContents(id: number): boolean;
}

type RequestDetails = PermissionRequest & { mediaTypes?: Array<'video' | 'audio'> };

/** A request (getUserMedia prompt): only audio-only `media`, from our window's main frame. */
export function allowPermissionRequest(
  policy: PermissionPolicy,
  contents: Pick<WebContents, 'id'> | null,
  permission: Permission,
  details: RequestDetails,
): boolean {
  if (permission !== 'media' || !contents || !policy.isOurContents(contents.id)) return false;
  if (!details.isMainFrame || !policy.isAppUrl(details.requestingUrl)) return false;
  const types = details.mediaTypes ?? [];
  return types.length > 0 && types.every((t) => t === 'audio');
}

/** A check (enumerateDevices labels, permission queries): `media` except camera, same origin rules. */
export function allowPermissionCheck(
  policy: PermissionPolicy,
  contents: Pick<WebContents, 'id'> | null,
  permission: Permission,
  details: Pick<PermissionCheckHandlerHandlerDetails, 'isMainFrame' | 'requestingUrl' | 'mediaType'>,
): boolean {
  if (permission !== 'media' || !contents || !policy.isOurContents(contents.id)) return false;
  if (!details.isMainFrame || details.requestingUrl === undefined || !policy.isAppUrl(details.requestingUrl)) return false;
  return details.mediaType !== 'video';
}

export function installPermissionHandlers(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
  policy: PermissionPolicy,
): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(allowPermissionRequest(policy, contents, permission, details));
  });
  session.setPermissionCheckHandler((contents, permission, _origin, details) =>
    allowPermissionCheck(policy, contents, permission, details),
  );
}
