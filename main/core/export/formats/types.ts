// What every export format produces: files, by relative path.
export interface ExportFile {
  path: string;
  content: string;
}
