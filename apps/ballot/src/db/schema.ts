// The ballot service's two stores: the registrar (identities) and the box (ballots), never joined.
import * as registrar from './registrar.schema.ts';
import * as box from './box.schema.ts';

export const registrarSchema = registrar;
export const boxSchema = box;
export type RegistrarSchema = typeof registrar;
export type BoxSchema = typeof box;
