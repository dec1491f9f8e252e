import AdalDomain
import NIOCore
import PostgresNIO

/// A local date bound as PostgreSQL's own `date` (days since 2000-01-01, binary), not as text:
/// a text parameter cast with `::date` is parsed again for every row a filter or expression meets,
/// since the cast depends on DateStyle and is never folded into a constant.
extension CivilDate: PostgresNonThrowingEncodable {
    public static var psqlType: PostgresDataType { .date }
    public static var psqlFormat: PostgresFormat { .binary }

    /// 1970-01-01 to 2000-01-01, PostgreSQL's epoch for dates.
    static let postgresEpochDay = 10_957

    public func encode<JSONEncoder: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer,
                                                         context: PostgresEncodingContext<JSONEncoder>) {
        byteBuffer.writeInteger(Int32(dayNumber - Self.postgresEpochDay))
    }
}
