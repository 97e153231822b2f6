/// A growable buffer of CSV text as bytes, for formatting many numbers without creating a
/// `String` per field (`CSVFormat.write(_:to:)` underneath: the bytes of `CSVFormat.format`).
///
/// Reuse one buffer across rows or subjects with `removeAll()` (it keeps its capacity), so the
/// formatting loop allocates nothing once the buffer has grown to the largest output.
/// Not copyable: the storage has one owner and is freed with it.
public struct CSVByteBuffer: ~Copyable {
    @usableFromInline var base: UnsafeMutablePointer<UInt8>
    @usableFromInline var used: Int
    @usableFromInline var allocated: Int

    /// Bytes written so far.
    public var count: Int { used }
    /// Bytes that fit before the storage must grow.
    public var capacity: Int { allocated }

    /// An empty buffer with room for `capacity` bytes (it grows as needed).
    public init(capacity: Int = 4096) {
        allocated = max(capacity, CSVFormat.maximumByteCount)
        base = .allocate(capacity: allocated)
        used = 0
    }

    deinit { base.deallocate() }

    /// Ensures room for `extra` more bytes.
    @inlinable @inline(__always)
    public mutating func reserve(_ extra: Int) {
        if used + extra > allocated { grow(toAtLeast: used + extra) }
    }

    @usableFromInline
    mutating func grow(toAtLeast minimum: Int) {
        let newCapacity = max(minimum, 2 * allocated)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: used)
        base.deallocate()
        base = newBase
        allocated = newCapacity
    }

    /// Appends `x` as a CSV field (the bytes of `CSVFormat.format(x)`).
    @inlinable
    public mutating func append(_ x: Double) {
        reserve(CSVFormat.maximumByteCount)
        used += CSVFormat.write(x, to: base + used)
    }

    /// Appends one byte (e.g. `UInt8(ascii: ",")`).
    @inlinable
    public mutating func append(byte: UInt8) {
        reserve(1)
        base[used] = byte
        used += 1
    }

    /// Appends bytes.
    @inlinable
    public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        reserve(bytes.count)
        (base + used).update(from: source, count: bytes.count)
        used += bytes.count
    }

    /// Appends the UTF-8 bytes of `text` (copy it to a `var` once outside hot loops: native
    /// strings give their bytes without a copy).
    @inlinable
    public mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// Forgets the contents, keeping the storage.
    @inlinable
    public mutating func removeAll() { used = 0 }

    /// Calls `body` with the bytes written so far.
    @inlinable
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        try body(UnsafeBufferPointer(start: base, count: used))
    }

    /// The contents as a `String` (one copy; the bytes are ASCII or UTF-8 from `append`).
    public var string: String {
        String(decoding: UnsafeBufferPointer(start: base, count: used), as: UTF8.self)
    }
}
