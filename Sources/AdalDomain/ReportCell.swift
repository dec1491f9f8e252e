import Foundation

/// One value in a report.
public enum ReportCell: Sendable, Equatable, Codable {
    case text(String)
    case integer(Int)
    case decimal(Double)
    case empty

    public enum Kind: Sendable { case text, integer, decimal }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .decimal(let value): try container.encode(value)
        case .empty: try container.encodeNil()
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .empty }
        else if let value = try? container.decode(Int.self) { self = .integer(value) }
        else if let value = try? container.decode(Double.self) { self = .decimal(value) }
        else { self = .text(try container.decode(String.self)) }
    }
}

extension ReportCell {
    /// The value as a person reads it: decimals with at most two places, nothing for empty.
    public var text: String {
        switch self {
        case .text(let value): value
        case .integer(let value): String(value)
        case .decimal(let value):
            if value == value.rounded() { String(Int(value)) } else {
                String(String(format: "%.2f", value).reversed().drop { $0 == "0" }.reversed())
            }
        case .empty: ""
        }
    }

    public var number: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .decimal(let value): value
        default: nil
        }
    }
}
