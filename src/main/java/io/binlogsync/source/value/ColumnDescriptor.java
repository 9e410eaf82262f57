package io.binlogsync.source.value;

import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import java.nio.charset.Charset;
import java.util.List;

/**
 * What the decoder needs to know of one column of a binlog row: its name, its real MySQL type code (ENUM and SET
 * resolved from the STRING type's metadata), whether it is unsigned, its charset (null: binary) and its ENUM or SET
 * labels; {@code json} marks MariaDB's JSON (text checked by json_valid); {@code fixedLength} is the byte length
 * of a BINARY(n) or CHAR(n) column (0 for other types), since the binlog drops a BINARY value's trailing zero bytes.
 */
public record ColumnDescriptor(String name, int typeCode, ColumnType type, boolean unsigned, Charset charset,
                        List<String> labels, boolean json, int fixedLength) {

    /** {@code type} is the library's name of {@code typeCode}, looked up once here rather than per cell. */
    public ColumnDescriptor(String name, int typeCode, boolean unsigned, Charset charset, List<String> labels, boolean json,
                     int fixedLength) {
        this(name, typeCode, ColumnType.byCode(typeCode), unsigned, charset, labels, json, fixedLength);
    }
}
