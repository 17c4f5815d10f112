import { randomUUID } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import type { ConnectionInput } from '../../shared/ipc';
import type { ConnectionSummary } from '../../shared/types';
import type { ClientConfig, RequestObserver, S3ClientFactory } from '../s3/client-factory';

export interface Connection {
  readonly summary: ConnectionSummary;
  readonly client: S3Client;
}

export interface ConnectionRegistryOptions {
  readonly clientFactory: S3ClientFactory;
  readonly observe?: RequestObserver;
  readonly newId?: () => string;
}

/** "AKIAIOSFODNN7EXAMPLE" → "AKIA…MPLE": enough to recognise a key, useless to an attacker. */
export function keyHint(accessKeyId: string): string {
  return accessKeyId.length <= 8 ? '…' : `${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-4)}`;
}

/** Live connections and their S3 clients. Credentials stay here, in main; callers get redacted summaries. */
export class ConnectionRegistry {
  private readonly connections = new Map<string, Connection>();

  constructor(private readonly options: ConnectionRegistryOptions) {}

  add(input: ConnectionInput): ConnectionSummary {
    const id = (this.options.newId ?? randomUUID)();
    const config: ClientConfig = {
      region: input.region,
      ...(input.endpoint ? { endpoint: input.endpoint } : {}),
      forcePathStyle: input.forcePathStyle,
      credentials: { ...input.credentials },
    };
    const summary: ConnectionSummary = {
      id,
      name: input.name,
      endpoint: input.endpoint ?? null,
      region: input.region,
      forcePathStyle: input.forcePathStyle,
      accessKeyHint: keyHint(input.credentials.accessKeyId),
    };
    this.connections.set(id, { summary, client: this.options.clientFactory(config, this.options.observe) });
    return summary;
  }

  get(id: string): Connection | undefined {
    return this.connections.get(id);
  }

  list(): ConnectionSummary[] {
    return [...this.connections.values()].map((c) => c.summary);
  }

  dispose(): void {
    for (const c of this.connections.values()) c.client.destroy();
    this.connections.clear();
  }
}
