// Files that are no pages: images, archives, audio and video, fonts, and data files (CSV, JSON, YAML,
// XML feeds and sitemaps, SQL dumps: what a blog post links as its sample data or a site as its feed).
// A link to one is not fetched (known by its extension), and an answer that turns out to be one is
// abandoned after its headers (known by its Content-Type), so none of them costs a page of the budget
// or its bytes. Documents a reader can read (PDF) and unknown types are pages as far as the crawler
// knows. Sitemaps are still read, by the sitemap reader, which does not go through here.

export type FileKind = 'image' | 'archive' | 'media' | 'font' | 'data';

const EXTENSIONS: Record<FileKind, readonly string[]> = {
  image: ['png', 'jpg', 'jpeg', 'jpe', 'jfif', 'gif', 'webp', 'avif', 'apng', 'svg', 'svgz', 'ico', 'bmp', 'tif', 'tiff', 'heic', 'heif'],
  archive: ['zip', 'gz', 'tgz', 'tar', 'bz2', 'tbz2', 'xz', '7z', 'rar', 'dmg', 'iso', 'exe', 'msi', 'pkg', 'deb', 'rpm', 'apk', 'jar', 'war', 'whl'],
  media: ['mp4', 'm4v', 'mov', 'avi', 'wmv', 'mkv', 'webm', 'flv', 'mpg', 'mpeg', '3gp', 'ogv', 'mp3', 'm4a', 'wav', 'ogg', 'oga', 'opus', 'flac', 'aac', 'wma'],
  font: ['woff', 'woff2', 'ttf', 'otf', 'eot'],
  data: ['csv', 'tsv', 'json', 'jsonl', 'ndjson', 'geojson', 'yaml', 'yml', 'toml', 'xml', 'rss', 'atom', 'rdf', 'sql', 'parquet', 'avro'],
};
const KIND_OF_EXTENSION = new Map(Object.entries(EXTENSIONS).flatMap(([kind, exts]) => exts.map((e) => [e, kind as FileKind])));

/**
 * Content-Types of archives, fonts outside the font/ tree and data (image/, audio/, video/, font/ go
 * by their tree; any other "+json" or "+xml" type is data too, XHTML excepted: see fileKindOfType).
 */
const KIND_OF_TYPE = new Map<string, FileKind>([
  ...[
    'application/zip', 'application/x-zip-compressed', 'application/gzip', 'application/x-gzip', 'application/x-tar',
    'application/x-bzip2', 'application/x-xz', 'application/x-7z-compressed', 'application/x-rar-compressed', 'application/vnd.rar',
    'application/java-archive', 'application/x-msdownload', 'application/x-msi', 'application/x-apple-diskimage',
    'application/vnd.android.package-archive', 'application/x-iso9660-image', 'application/vnd.debian.binary-package', 'application/x-rpm',
  ].map((t): [string, FileKind] => [t, 'archive']),
  ...['application/font-woff', 'application/font-woff2', 'application/x-font-woff', 'application/x-font-ttf', 'application/x-font-otf',
    'application/font-sfnt', 'application/vnd.ms-fontobject'].map((t): [string, FileKind] => [t, 'font']),
  ...['text/csv', 'text/tab-separated-values', 'application/json', 'application/x-ndjson', 'application/yaml', 'application/x-yaml',
    'text/yaml', 'text/x-yaml', 'application/toml', 'application/xml', 'text/xml', 'application/sql'].map((t): [string, FileKind] => [t, 'data']),
]);
/** Structured-syntax suffixes (RFC 6839): application/rss+xml, application/ld+json … */
const DATA_SUFFIX = /\+(?:json|xml|yaml)$/;
const KIND_OF_TREE: Record<string, FileKind> = { image: 'image', audio: 'media', video: 'media', font: 'font' };

/** The extension of a normalized URL's last path segment, lower-case, or null (query and fragment ignored). */
export function extensionOf(url: string): string | null {
  const end = url.search(/[?#]/);
  const path = end < 0 ? url : url.slice(0, end);
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  return dot > slash + 1 && dot < path.length - 1 ? path.slice(dot + 1).toLowerCase() : null;
}

/** What a URL's extension says it is, when that is a file and no page. */
export function fileKindOfUrl(url: string): { kind: FileKind; extension: string } | null {
  const extension = extensionOf(url);
  const kind = extension === null ? undefined : KIND_OF_EXTENSION.get(extension);
  return kind && extension ? { kind, extension } : null;
}

/** What a MIME type (lower-case, no parameters) says an answer is, when that is a file and no page. */
export function fileKindOfType(mime: string | null): FileKind | null {
  if (!mime) return null;
  const kind = KIND_OF_TYPE.get(mime) ?? KIND_OF_TREE[mime.slice(0, mime.indexOf('/'))];
  if (kind) return kind;
  // XHTML is a page written in XML syntax.
  return DATA_SUFFIX.test(mime) && mime !== 'application/xhtml+xml' ? 'data' : null;
}
