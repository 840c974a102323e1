/**
 * Validators of French identifiers: SIREN, SIRET, VAT number, NIR, IBAN and RIB key, INSEE commune
 * code, postal code, RNA, FINESS, UAI. Entry point: {@link fr.socle.refdata.validation.Validators}.
 */
package fr.socle.refdata.validation;
