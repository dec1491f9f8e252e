import Foundation

/// Pages to print — a certificate, an attendance sheet, a meeting's minutes — each one
/// self-contained HTML document (no scripts, fonts or images from the network). They are written
/// in AdalReports, with the catalogs' words; here is what every HTML text needs.
public enum Printables {
    public static func escape(_ text: String) -> String {
        // On the UTF-8 bytes: the five are ASCII, so they never occur inside another character's bytes.
        let special: (UInt8) -> Bool = { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }
        guard text.utf8.contains(where: special) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 32)
        for byte in text.utf8 {
            switch byte {
            case 0x26: out += "&amp;".utf8
            case 0x3C: out += "&lt;".utf8
            case 0x3E: out += "&gt;".utf8
            case 0x22: out += "&quot;".utf8
            case 0x27: out += "&#39;".utf8
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
