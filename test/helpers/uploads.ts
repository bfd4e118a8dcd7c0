/** The first bytes of every PNG file. */
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The file inside an upload: the Web API client posts it as multipart/form-data (Slack also
 * takes raw bytes, which is what we get when the body does not start with a boundary).
 */
export function uploadedFile(body: Buffer): Buffer {
  const firstLineEnd = body.indexOf('\r\n');
  const boundary = body.subarray(0, firstLineEnd).toString('latin1');
  if (!boundary.startsWith('--')) return body;
  const headersEnd = body.indexOf('\r\n\r\n', firstLineEnd);
  const end = body.indexOf(`\r\n${boundary}`, headersEnd);
  return body.subarray(headersEnd + 4, end);
}
