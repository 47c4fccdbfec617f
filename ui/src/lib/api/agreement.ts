import type { AgreementDocument } from "../bindings/AgreementDocument";
import type { AgreementRequest } from "../bindings/AgreementRequest";
import type { SaveAgreement } from "../bindings/SaveAgreement";
import { call } from "./invoke";

/** The agreement of one Playbook version, fully worded by the engine in the requested language. */
export const agreementDocument = (input: AgreementRequest) =>
  call<AgreementDocument>("agreement_document", { input });

/** Saves it as PDF or HTML in the export folder; answers with the file's path. */
export const saveAgreement = (input: SaveAgreement) => call<string>("save_agreement", { input });
