import { AvatarError } from '../errors.ts';

/** Answers for jobs a decode worker did not finish. */
export const workerErrors = {
  tooComplex: () => new AvatarError(422, 'too-complex', 'This image is too complex to process. Simplify it, or export it as a plain PNG or JPEG and try again.'),
  crashed: () => new AvatarError(422, 'undecodable', 'This image could not be processed: the decoder failed on it. Export it as a plain PNG or JPEG and try again.'),
  shuttingDown: () => new AvatarError(503, 'shutting-down', 'The avatar service is restarting; your current avatar was kept. Try again in a few seconds.'),
};
