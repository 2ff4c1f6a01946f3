#!/usr/bin/env python3
"""badpdf.py KIND > FILE.pdf: hostile PDFs for preflight (tests/t-robust.sh).

  bomb        one page whose 1 MB Flate content stream inflates to 1 GiB
  bomb-form   a page drawing a form whose content is such a bomb
  kids        a page tree with 200 000 /Kids references to one page
  kids-count1 the same, with /Count 1 (the bound must not trust /Count)
  loop        a page tree node that is its own kid
  parts       one page whose /Contents is an array of 5000 streams
  deep        a page tree 100 nodes deep

Made in well under a second each: the bomb repeats one fully flushed
Deflate block (the dictionary reset makes each copy identical), so it
never deflates the gigabyte it stands for.
"""
import sys
import zlib

from pdfbytes import pdf


def bomb(mib=1024):
    """A zlib stream of `mib` MiB of spaces, about 1 KB per MiB."""
    chunk = b' ' * (1 << 20)
    c = zlib.compressobj(9)
    head = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    c2 = zlib.compressobj(9)
    block = c2.compress(chunk) + c2.flush(zlib.Z_FULL_FLUSH)
    block = block[2:]  # the same block without the zlib header
    n = mib << 20  # Adler-32 of n spaces, in closed form
    a = (1 + n * 32) % 65521
    b = (n + 32 * (n * (n + 1) // 2)) % 65521
    adler = b << 16 | a
    tail = b'\x03\x00' + adler.to_bytes(4, 'big')  # an empty final block, the checksum
    return head + block * (mib - 1) + tail


def stream(data, extra=b''):
    return b'<< /Length %d%s >>\nstream\n' % (len(data), extra) + data + b'\nendstream'


CAT = b'<< /Type /Catalog /Pages 2 0 R >>'
BOX = b'/MediaBox [0 0 595 842] /TrimBox [0 0 595 842]'


def main(kind):
    if kind == 'bomb':
        objs = [CAT, b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
                b'<< /Type /Page /Parent 2 0 R ' + BOX + b' /Contents 4 0 R >>',
                stream(bomb(), b' /Filter /FlateDecode')]
    elif kind == 'bomb-form':
        objs = [CAT, b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
                b'<< /Type /Page /Parent 2 0 R ' + BOX +
                b' /Resources << /XObject << /F 5 0 R >> >> /Contents 4 0 R >>',
                stream(b'q 1 0 0 1 0 0 cm /F Do Q'),
                stream(bomb(), b' /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Filter /FlateDecode')]
    elif kind in ('kids', 'kids-count1'):
        n = 200000
        objs = [CAT, b'<< /Type /Pages /Kids [' + b'3 0 R ' * n + b'] /Count %d >>' %
                (1 if kind == 'kids-count1' else n),
                b'<< /Type /Page /Parent 2 0 R ' + BOX + b' >>']
    elif kind == 'loop':
        objs = [CAT, b'<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>',
                b'<< /Type /Page /Parent 2 0 R ' + BOX + b' >>']
    elif kind == 'parts':
        n = 5000
        objs = [CAT, b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
                b'<< /Type /Page /Parent 2 0 R ' + BOX + b' /Contents [' +
                b''.join(b'%d 0 R ' % (4 + i) for i in range(n)) + b'] >>']
        objs += [stream(b'0 0 m 1 1 l S')] * n
    elif kind == 'deep':
        depth = 100
        objs = [CAT]
        for i in range(depth):  # node i is object 2 + i, its kid the next one
            objs.append(b'<< /Type /Pages /Kids [%d 0 R] /Count 1 >>' % (3 + i))
        objs.append(b'<< /Type /Page /Parent %d 0 R ' % (1 + depth) + BOX + b' >>')
    else:
        sys.exit(__doc__)
    sys.stdout.buffer.write(pdf(objs))


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '')
