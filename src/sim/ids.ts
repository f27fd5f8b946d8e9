import type { Rng } from './rng';

/** Kubernetes generateName suffixes avoid vowels and look-alike characters. */
const K8S_SUFFIX = 'bcdfghjklmnpqrstvwxz2456789';
const S3_VERSION = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._';
const HEX = '0123456789abcdef';

export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** metal-stack machine ids are UUIDs; the mini-lab numbers them 00000000-…-000000000001. */
export function machineUuid(n: number): string {
  return `00000000-0000-0000-0000-${pad(n, 12)}`;
}

export function technicalId(project: string, name: string): string {
  return `shoot--${project}--${name}`;
}

export function k8sSuffix(rng: Rng, n = 5): string {
  return rng.chars(n, K8S_SUFFIX);
}

/** S3 version ids are opaque 32-character strings. */
export function s3VersionId(rng: Rng): string {
  return rng.chars(32, S3_VERSION);
}

export function randomUuid(rng: Rng): string {
  const h = (n: number) => rng.chars(n, HEX);
  return `${h(8)}-${h(4)}-4${h(3)}-a${h(3)}-${h(12)}`;
}

export function shortHex(rng: Rng, n: number): string {
  return rng.chars(n, HEX);
}

const PORTS: string[] = [];

/** SONiC port names, shared rather than rebuilt: a scaled rack has tens of thousands of cables. */
export function ethernet(n: number): string {
  let name = PORTS[n];
  if (name === undefined) {
    name = `Ethernet${n}`;
    PORTS[n] = name;
  }
  return name;
}
