#!/usr/bin/env python3
"""Lists Swift functions, initialisers and deinitialisers longer than --over lines.

A function runs from the line of its `func`/`init`/`deinit` keyword to the line of the brace
that closes its body; braces inside string literals and comments are skipped. Usage:
    function_lengths.py [--over N] FILE...
Prints `file:line: name is K lines`, one per function over the limit, longest first.
"""
import re
import sys

DECL = re.compile(r'^\s*(?:@[\w().:, ]+\s+)*(?:(?:public|package|internal|private|fileprivate|static|class|'
                  r'final|override|mutating|nonmutating|consuming|borrowing|@inlinable|@usableFromInline|'
                  r'nonisolated|convenience|required)\s+)*(func\s+[^\s(<]+|init[?!]?|deinit)\b')


def strip(line, in_block):
    """The line without string literals and comments; whether a block comment is still open."""
    out, i, n = [], 0, len(line)
    in_string = False
    while i < n:
        c = line[i]
        if in_block:
            if line.startswith('*/', i):
                in_block, i = False, i + 2
            else:
                i += 1
            continue
        if in_string:
            if c == '\\':
                i += 2
                continue
            if c == '"':
                in_string = False
            i += 1
            continue
        if line.startswith('//', i):
            break
        if line.startswith('/*', i):
            in_block, i = True, i + 2
            continue
        if c == '"':
            in_string = True
            i += 1
            continue
        out.append(c)
        i += 1
    return ''.join(out), in_block


def functions(path):
    lines = open(path, encoding='utf-8').read().split('\n')
    clean, in_block, in_multiline = [], False, False
    for line in lines:
        if line.count('"""') % 2 == 1:
            in_multiline = not in_multiline
            clean.append('')
            continue
        if in_multiline:
            clean.append('')
            continue
        text, in_block = strip(line, in_block)
        clean.append(text)
    for start, text in enumerate(clean):
        m = DECL.match(text)
        if not m:
            continue
        depth, opened = 0, False
        for end in range(start, len(clean)):
            for c in clean[end]:
                if c == '{':
                    depth, opened = depth + 1, True
                elif c == '}':
                    depth -= 1
            if opened and depth <= 0:
                yield m.group(1), start + 1, end - start + 1
                break
            if not opened and end > start and clean[end].strip() == '' and '{' not in text:
                break  # a protocol requirement: no body


def main(argv):
    over = 100
    if argv[:1] == ['--over']:
        over, argv = int(argv[1]), argv[2:]
    found = []
    for path in argv:
        for name, line, length in functions(path):
            if length > over:
                found.append((length, path, line, name))
    for length, path, line, name in sorted(found, reverse=True):
        print(f'{path}:{line}: {name} is {length} lines')


if __name__ == '__main__':
    main(sys.argv[1:])
