import AdalDomain
import AdalText

extension PossibleDuplicate {
    /// The record as a console page lists it: its name (linked when it has a page), what it is, and
    /// what makes it a possible duplicate, in the reader's language.
    func row(_ catalog: Catalog) -> [String: Any] {
        let href: String
        switch kind {
        case "volunteer": href = "/volunteers/\(id)"
        case "application": href = "/applications/\(id)"
        default: href = ""
        }
        return ["name": name, "kind": catalog.term("match", kind), "by": catalog.term("matched_by", matchedBy), "href": href]
    }
}
