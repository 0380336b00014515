import envPaths from 'env-paths';

/** The OS app-data folder (e.g. ~/.local/share/Earshot) unless `--data-dir` says otherwise. */
export const defaultDataDir = (): string => envPaths('Earshot', { suffix: '' }).data;
