/** The S3 lab (test/lab/s3/harness.ts) for bench/s3.mjs, bundled with it: availability, start, stop, the lab's keys. */
export { ACCESS, SECRET, s3LabAvailability, startS3Lab } from '../test/lab/s3/harness';
