/** The first bytes that tell a compressed input, shared by the trace and table readers. */

/** The first 4 bytes of a zstd frame, read little-endian (RFC 8878). */
export const ZSTD_MAGIC = 0xfd2fb528;
