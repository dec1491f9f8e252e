import AdalDomain
import AdalText
import Foundation

/// A field's refusal in the reader's language. Core names the field and says why in English (for
/// the API and the CLI); the console shows the catalog's sentence for that kind of reason, and for
/// a reason it has no sentence for, a general one with Core's words beside it.
enum RefusalText {
    static func text(_ error: FieldError, _ catalog: Catalog) -> String {
        let reason = error.reason
        let number = reason.split(whereSeparator: { !$0.isNumber }).last.map(String.init) ?? ""
        switch true {
        case reason.contains("check digit"): return catalog["error_check_digit"]
        case reason.contains("IIN") || reason.contains("PINFL") || reason.contains("FIN") || reason.contains("digits"):
            return catalog["error_national_id"]
        case reason.contains("does not match the national ID"): return catalog["error_birth_date_mismatch"]
        case reason.contains("must be a date"): return catalog["error_date"]
        case reason.hasPrefix("is required for a"): return catalog["error_organisation_required"]
        case reason.hasPrefix("is required") || reason == "is empty" || reason.contains("area is required"):
            return catalog["error_required"]
        case reason.contains("at most") && reason.contains("characters"), reason.contains("longer than"):
            return catalog.format("error_too_long", ["limit": number])
        case reason.contains("is not one of"): return catalog["error_choice"]
        case reason.contains("consent"): return catalog["error_consent"]
        case error.field == "phone": return catalog["error_phone"]
        case error.field == "email": return catalog["error_email"]
        case reason.contains("cannot") && reason.contains("application that is"): return catalog["error_transition"]
        case reason.contains("organising office"): return catalog["error_no_office"]
        case reason.contains("already extended"): return catalog["error_extended_once"]
        case reason.contains("working days"): return catalog["error_extension_days"]
        case reason.contains("exists") || reason.contains("already"): return catalog["error_duplicate"]
        default: return catalog.format("error_invalid", ["reason": reason])
        }
    }
}
