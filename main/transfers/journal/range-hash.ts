/**
 * The checksum a journaled download records per range (range-sidecar.ts): XXH64, from xxhash-wasm.
 *
 * Why not zlib's CRC-32 (sidecar version 2): it runs over every downloaded byte, and a big download against a
 * server on the same 2-core machine is CPU-bound (Ceph RGW spends ~2.2 s of CPU per GiB served). Measured on
 * this project's VM, CRC-32 cost 0.47 s per GiB (it is not the SIMD build), a quarter of the client's CPU for a
 * 1 GiB download; XXH64 in WebAssembly costs 0.20 s, copying each view into its memory included. Like CRC-32 it
 * is a check against accidental damage (truncation, a write lost in a power cut, another program changing the
 * file), not against someone who can rewrite the sidecar too.
 */
import xxhash from 'xxhash-wasm';

export interface RangeHash {
  update(bytes: Uint8Array): void;
  /** 16 lower-case hex digits. */
  digest(): string;
}

let api: ReturnType<typeof xxhash> | null = null;

/** A factory of range hashes; the WebAssembly module is instantiated once, on first use. */
export async function rangeHashes(): Promise<() => RangeHash> {
  api ??= xxhash();
  const { create64 } = await api;
  return () => {
    const state = create64();
    return {
      update: (bytes) => void state.update(bytes),
      digest: () => state.digest().toString(16).padStart(16, '0'),
    };
  };
}
