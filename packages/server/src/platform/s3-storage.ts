import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import type { Storage } from './storage.js';

export interface S3StorageOptions {
  bucket: string;
  /** Prefix for every key, e.g. `spokestack/` to share a bucket. */
  prefix?: string;
  /** Client settings: region, credentials, and for S3-compatible services `endpoint` + `forcePathStyle`. */
  client?: S3ClientConfig;
}

/**
 * Files in S3 or any S3-compatible object store (MinIO, R2, Spaces…): what several stateless
 * instances share in production. Credentials come from the usual AWS environment when not given.
 *
 * @example
 * const storage = s3Storage({ bucket: 'agency-files', client: { region: 'eu-west-1' } })
 */
export function s3Storage(options: S3StorageOptions): Storage {
  const client = new S3Client(options.client ?? {});
  const key = (k: string) => `${options.prefix ?? ''}${k}`;
  return {
    location: { kind: 's3', bucket: options.bucket, prefix: options.prefix, client: options.client },
    async put(k, body, contentType) {
      // A web stream of unknown length cannot be sent as one PUT; uploads are buffered by the caller.
      const bytes = body instanceof Uint8Array ? body : new Uint8Array(await new Response(body).arrayBuffer());
      await client.send(
        new PutObjectCommand({
          Bucket: options.bucket,
          Key: key(k),
          Body: bytes,
          ContentType: contentType,
          ContentLength: bytes.byteLength,
        }),
      );
    },
    async get(k) {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket: options.bucket, Key: key(k) }));
        if (!out.Body) return null;
        return { body: out.Body.transformToWebStream() as ReadableStream<Uint8Array>, size: out.ContentLength ?? 0 };
      } catch (error) {
        if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return null;
        throw error;
      }
    },
    async delete(k) {
      await client.send(new DeleteObjectCommand({ Bucket: options.bucket, Key: key(k) }));
    },
  };
}

/** Storage from the environment: S3 when `S3_BUCKET` is set (`S3_ENDPOINT`, `S3_REGION`, `S3_PREFIX` optional). */
export function s3StorageFromEnv(env: NodeJS.ProcessEnv = process.env): Storage | undefined {
  if (!env.S3_BUCKET) return undefined;
  return s3Storage({
    bucket: env.S3_BUCKET,
    prefix: env.S3_PREFIX,
    client: {
      region: env.S3_REGION ?? env.AWS_REGION ?? 'us-east-1',
      ...(env.S3_ENDPOINT ? { endpoint: env.S3_ENDPOINT, forcePathStyle: true } : {}),
    },
  });
}
