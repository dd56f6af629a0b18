import AllianceGraph
import AllianceGraphFormats
import ArgumentParser
import Foundation

/// Checks of output names made before anything is read or written (usage errors, exit 64): an
/// empty name, and an output that is one of the run's inputs (`convert in.json in.json`,
/// `report in.json -o in.json`), which would destroy the input.
enum OutputPathCheck {
    /// Throws a `ValidationError` when `output` is empty, or when it (or, for a Gephi CSV name,
    /// either table of the pair) is the same file as one of `inputs` (same device and inode, so a
    /// link or another spelling of the path is caught too).
    static func validate(_ output: String?, option: String, inputs: [String?], csvPair: Bool = false) throws {
        guard let output else { return }
        if output.isEmpty { throw ValidationError("\(option) needs a file name (got an empty one).") }
        var outputs = [output]
        if csvPair || GraphFormat.detect(path: output) == .csv {
            let pair = GraphIO.csvPaths(output)
            outputs += [pair.nodes, pair.edges, GraphIO.csvGraphPath(output)]
        }
        try validate(outputs: outputs, option: option, inputs: inputs)
    }

    /// As above for outputs already spelled out (the files of `simulate`'s folder).
    static func validate(outputs: [String], option: String, inputs: [String?]) throws {
        let inputFiles = inputs.compactMap { $0 }.flatMap(expand)
        for output in outputs {
            guard let target = identity(output) else { continue }
            for input in inputFiles where identity(input) == target {
                throw ValidationError(
                    "\(option) \(output) is the input file \(input); writing it would destroy the input. "
                        + "Give another output name.")
            }
        }
    }

    /// An input and, for a Gephi CSV table, the other table of its pair (both are read).
    private static func expand(_ input: String) -> [String] {
        guard input != "-", GraphFormat.detect(path: input) == .csv else { return [input] }
        let pair = GraphIO.csvPaths(input)
        return [input, pair.nodes, pair.edges, GraphIO.csvGraphPath(input)]
    }

    private struct Identity: Equatable {
        let device: UInt64
        let inode: UInt64
    }

    /// The device and inode of the regular file at `path` (through links); nil otherwise.
    private static func identity(_ path: String) -> Identity? {
        guard path != "-" else { return nil }
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }
}
