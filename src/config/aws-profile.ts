/**
 * A profile of the shared AWS credentials file (~/.aws/credentials): `[name]` sections of `key = value` lines.
 * Only static keys are read (aws_access_key_id, aws_secret_access_key); SSO, role assumption and processes are
 * the AWS CLI's business and are refused by name rather than half-supported.
 */
export type ProfileKeys = { readonly accessKeyId: string; readonly secretAccessKey: string };

export function profileKeys(text: string, profile: string): ProfileKeys | string {
  let section: string | undefined;
  const values = new Map<string, string>();
  let found = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const head = /^\[\s*(?:profile\s+)?([^\]]+?)\s*\]$/.exec(line);
    if (head) {
      section = head[1];
      found ||= section === profile;
      continue;
    }
    const eq = line.indexOf('=');
    if (section === profile && eq > 0) values.set(line.slice(0, eq).trim().toLowerCase(), line.slice(eq + 1).trim());
  }
  if (!found) return `has no profile [${profile}]`;
  const accessKeyId = values.get('aws_access_key_id');
  const secretAccessKey = values.get('aws_secret_access_key');
  if (accessKeyId && secretAccessKey) return { accessKeyId, secretAccessKey };
  const other = ['sso_start_url', 'sso_session', 'role_arn', 'credential_process'].find((k) => values.has(k));
  return other ? `profile [${profile}] uses ${other}: only static keys (aws_access_key_id, aws_secret_access_key) are read` : `profile [${profile}] lacks aws_access_key_id or aws_secret_access_key`;
}
