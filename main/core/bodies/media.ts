// What a Content-Type header says the body is: its media type, lower-cased, without parameters.
export function mediaType(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export const isForm = (contentType: string | null): boolean => mediaType(contentType) === 'application/x-www-form-urlencoded';
export const isMultipart = (contentType: string | null): boolean => mediaType(contentType) === 'multipart/form-data';

/** application/xml, text/xml and any +xml type (application/soap+xml, application/atom+xml). */
export function isXml(contentType: string | null): boolean {
  const type = mediaType(contentType);
  return type === 'application/xml' || type === 'text/xml' || type.endsWith('+xml');
}
