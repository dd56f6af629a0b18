@_spi(Internals) import AllianceGraph

/// A check of a GML file made before igraph's reader (0.10.2) sees it: igraph's GML reader
/// takes time quadratic in the length of a string literal (measured with the release build on a
/// 2-core machine: 64 KiB 0.03 s, 1 MiB 0.95 s, 4 MiB 11.9 s for the whole `convert`), so a
/// file of a few megabytes could hold the process for minutes. No alliance network needs long
/// strings (names and notes are at most a few hundred bytes), so a string longer than
/// `maxStringLength` is refused, with its line, before igraph reads anything.
///
/// GML strings are delimited by `"` and hold no escapes (a quote is written `&quot;`); `#`
/// outside a string starts a comment to the end of the line (igraph accepts comments only at the
/// start of a line and stops with a syntax error at any other `#`, so skipping them everywhere
/// never lets a long string through). Cost: O(bytes), one pass.
enum GMLCheck {
    /// The longest string literal accepted, in bytes: 64 KiB.
    static let maxStringLength = 65_536

    static func check(_ bytes: [UInt8]) throws(InputError) {
        var line = 1
        var k = 0
        let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), hash = UInt8(ascii: "#")
        while k < bytes.count {
            let byte = bytes[k]
            if byte == newline {
                line += 1
            } else if byte == hash {
                while k < bytes.count, bytes[k] != newline { k += 1 }
                continue
            } else if byte == quote {
                let startLine = line
                let start = k + 1
                k = start
                while k < bytes.count, bytes[k] != quote {
                    if bytes[k] == newline { line += 1 }
                    k += 1
                }
                let length = k - start
                if length > maxStringLength {
                    throw InputError(
                        location: "line \(startLine)",
                        "a string of \(length) bytes; GML strings are limited to \(maxStringLength) bytes "
                            + "(igraph's reader slows quadratically with a string's length): shorten it")
                }
            }
            k += 1
        }
    }
}
