/** The buckets feature's public surface (issue 15). */
export { BucketDialogs } from './BucketDialogs';
export { type BucketsApi, type BucketsStore, createBucketsStore } from './buckets-store';
