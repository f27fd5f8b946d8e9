/**
 * The `switches:`, `ssh:` and `links:` sections: the real switches rackpilot reads over SSH, e.g.
 *
 *   switches:
 *     - { name: spine, role: spine, address: 10.0.0.1, user: admin, identityFile: ~/.ssh/rack }
 *   ssh: { knownHosts: ~/.ssh/known_hosts }
 *   links:
 *     - { a: spine:Ethernet0, b: leaf01:Ethernet120 }
 */
import * as z from 'zod';

export const SWITCH_ROLES = ['spine', 'leaf', 'exit'] as const;
export type SwitchRole = (typeof SWITCH_ROLES)[number];
export const LINK_KINDS_CONFIG = ['underlay', 'uplink', 'management', 'machine'] as const;

const NAME = 'expected a switch name (letters, digits, ".", "_" or "-")';
const HOST = 'expected a host name or IP address';
const PORT = 'expected a TCP port (1-65535)';
const USER = 'expected a user name';
const PATH = 'expected a file path';
const ARGV = "expected a command as a list of arguments, e.g. [vtysh, -c, 'show bgp vrf all summary json']";
const END = 'expected "node:port", e.g. spine:Ethernet0';

const name = z.string({ error: NAME }).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: NAME });
const host = z.string({ error: HOST }).regex(/^[^\s\p{Cc}@]+$/u, { error: HOST });
const port = z.number({ error: PORT }).int({ error: PORT }).min(1, { error: PORT }).max(65535, { error: PORT });
const user = z.string({ error: USER }).regex(/^[^\s\p{Cc}@:]+$/u, { error: USER });
// One line without control characters: a pasted key (several lines) is not a path, and a path is printed in
// connection errors.
export const path = z.string({ error: PATH }).regex(/^[^\p{Cc}]+$/u, { error: PATH });
const argv = z.array(z.string({ error: ARGV }).min(1, { error: ARGV }), { error: ARGV }).min(1, { error: ARGV });
const bool = z.boolean({ error: 'expected true or false' });
const oneOf = (values: readonly string[]): string => `expected one of ${values.join(', ')}`;

export const jumpHostSchema = z.strictObject(
  { address: host, port: port.optional(), user: user.optional(), identityFile: path.optional() },
  { error: 'expected a mapping with address (and optionally port, user, identityFile)' },
);

export const switchCommandsSchema = z.strictObject({ bgp: argv.optional(), lldp: argv.optional() }, { error: 'expected a mapping' });

/** `duration` is passed in so this file shares schema.ts's one duration parser without an import cycle. */
export function switchesSchemas<D extends z.ZodType<number>>(duration: (minMs: number) => D) {
  const switchSchema = z.strictObject(
    {
      name,
      role: z.enum(SWITCH_ROLES, { error: oneOf(SWITCH_ROLES) }),
      address: host,
      port: port.optional(),
      user: user.optional(),
      identityFile: path.optional(),
      /** true: use $SSH_AUTH_SOCK; a string: that agent socket. */
      agent: z.union([bool, path], { error: 'expected true, false or an agent socket path' }).optional(),
      knownHosts: path.optional(),
      trustOnFirstUse: bool.optional(),
      jumpHost: jumpHostSchema.optional(),
      interval: duration(500).optional(),
      commands: switchCommandsSchema.optional(),
    },
    { error: 'expected a mapping with name, role and address' },
  );
  const switches = z
    .array(switchSchema, { error: 'expected a list of switches' })
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((sw, i) => {
        if (seen.has(sw.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `expected a unique name, "${sw.name}" is used twice` });
        seen.add(sw.name);
      });
    });
  const ssh = z.strictObject(
    {
      knownHosts: path.optional(),
      trustOnFirstUse: bool.optional(),
      connectTimeout: duration(100).optional(),
      commandTimeout: duration(100).optional(),
      concurrency: z.number({ error: 'expected an integer from 1 to 256' }).int().min(1).max(256, { error: 'expected an integer from 1 to 256' }).optional(),
      maxBackoff: duration(100).optional(),
    },
    { error: 'expected a mapping' },
  );
  const end = z.string({ error: END }).regex(/^[^\s:]+:[^\s]+$/, { error: END });
  const links = z.array(
    z.strictObject(
      { a: end, b: end, kind: z.enum(LINK_KINDS_CONFIG, { error: oneOf(LINK_KINDS_CONFIG) }).optional() },
      { error: 'expected a mapping with a and b, e.g. { a: spine:swp1, b: leaf01:swp1 }' },
    ),
    { error: 'expected a list of links' },
  );
  return { switches, ssh, links, switchSchema };
}

export const SWITCHES_KNOWN_KEYS = (switchKeys: readonly string[], sshKeys: readonly string[]): Record<string, readonly string[]> => ({
  ssh: sshKeys,
  'switches.*': switchKeys,
  'switches.*.jumpHost': Object.keys(jumpHostSchema.shape),
  'switches.*.commands': Object.keys(switchCommandsSchema.shape),
  'links.*': ['a', 'b', 'kind'],
});
