package dev.edp.runtime.cur;

import io.airlift.compress.Compressor;
import io.airlift.compress.Decompressor;
import io.airlift.compress.MalformedInputException;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Parquet's page codecs in pure Java (aircompressor, and the JDK's gzip) instead of parquet-hadoop's default, which
 * goes through Hadoop's codec classes and the native snappy-java and zstd-jni libraries: 9 MB of jar, a native
 * library unpacked to /tmp on the first read, and most of Hadoop's dependencies. Reads every codec a cost report can
 * use (SNAPPY, the Parquet writers' and Data Exports' choice; GZIP, ZSTD, LZ4_RAW, UNCOMPRESSED), and writes them
 * (for the generator and the tests). Any other codec is a
 * {@link UnsupportedCodecException} naming it.
 */
public final class ParquetCodecs implements CompressionCodecFactory {

    /** A page compressed with a codec this factory does not read (LZO, BROTLI, Hadoop's framed LZ4). */
    public static final class UnsupportedCodecException extends IllegalArgumentException {
        UnsupportedCodecException(CompressionCodecName codec) {
            super("pages compressed with " + codec + ", which EDP does not read (it reads SNAPPY, GZIP, ZSTD, LZ4_RAW "
                    + "and uncompressed pages)");
        }
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED -> new Pages(codec, null);
            case SNAPPY -> new Pages(codec, new SnappyDecompressor());
            case ZSTD -> new Pages(codec, new ZstdDecompressor());
            case LZ4_RAW -> new Pages(codec, new Lz4Decompressor());
            case GZIP -> new Pages(codec, null);
            default -> throw new UnsupportedCodecException(codec);
        };
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED, GZIP -> new Writer(codec, null);
            case SNAPPY -> new Writer(codec, new SnappyCompressor());
            case ZSTD -> new Writer(codec, new io.airlift.compress.zstd.ZstdCompressor());
            case LZ4_RAW -> new Writer(codec, new io.airlift.compress.lz4.Lz4Compressor());
            default -> throw new UnsupportedCodecException(codec);
        };
    }

    @Override
    public void release() {
        // nothing pooled
    }

    /** Decompresses one page at a time into a fresh array (pages are at most a few MB). */
    private record Pages(CompressionCodecName codec, Decompressor decompressor) implements BytesInputDecompressor {
        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            if (codec == CompressionCodecName.UNCOMPRESSED) {
                return bytes;
            }
            byte[] compressed = bytes.toByteArray();
            byte[] page = new byte[uncompressedSize];
            int length;
            if (codec == CompressionCodecName.GZIP) {
                try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(compressed))) {
                    length = in.readNBytes(page, 0, uncompressedSize);
                }
            } else {
                try {
                    length = decompressor.decompress(compressed, 0, compressed.length, page, 0, uncompressedSize);
                } catch (MalformedInputException e) {
                    throw new IOException("corrupt " + codec + " page: " + e.getMessage(), e);
                }
            }
            if (length != uncompressedSize) {
                throw new IOException("corrupt " + codec + " page: " + length + " bytes where its header says "
                        + uncompressedSize);
            }
            return BytesInput.from(page);
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                throws IOException {
            byte[] compressed = new byte[compressedSize];
            input.get(compressed);
            output.put(decompress(BytesInput.from(compressed), uncompressedSize).toByteBuffer());
        }

        @Override
        public void release() {
            // nothing pooled
        }
    }

    private record Writer(CompressionCodecName codec, Compressor compressor) implements BytesInputCompressor {
        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            byte[] page = bytes.toByteArray();
            if (codec == CompressionCodecName.UNCOMPRESSED) {
                return BytesInput.from(page);
            }
            if (codec == CompressionCodecName.GZIP) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(page.length / 2 + 64);
                try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                    gzip.write(page);
                }
                return BytesInput.from(out.toByteArray());
            }
            byte[] compressed = new byte[compressor.maxCompressedLength(page.length)];
            int length = compressor.compress(page, 0, page.length, compressed, 0, compressed.length);
            return BytesInput.from(Arrays.copyOf(compressed, length));
        }

        @Override
        public CompressionCodecName getCodecName() {
            return codec;
        }

        @Override
        public void release() {
            // nothing pooled
        }
    }
}
