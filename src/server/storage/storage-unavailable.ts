import { AvatarError } from '../errors.ts';

/** The storage backend did not answer, or refused: nothing was changed, trying again later makes sense. */
export class StorageUnavailable extends AvatarError {
  constructor(detail: string, options?: { cause?: unknown }) {
    super(503, 'storage-unavailable', 'The avatar storage is not reachable right now; your current avatar was kept. Try again in a minute.', 10);
    this.detail = detail;
    if (options?.cause !== undefined) this.cause = options.cause;
  }
  readonly detail: string;
}
