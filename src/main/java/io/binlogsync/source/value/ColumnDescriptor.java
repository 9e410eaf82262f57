package io.binlogsync.source.value;

import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import java.nio.charset.Charset;
import java.util.List;

/**
 * What the decoder needs to know of one column of a binlog row: its name, its real MySQL type code (ENUM and SET
 * resolved from the STRING type's metadata), whether it is unsigned, its charset (null: binary) and its ENUM or SET
 * labels; {@code json} marks MariaDB's JSON (text checked by json_valid); {@code fixedLength} is the byte length
 * of a BINARY(n) or CHAR(n) column (0 for other types), since the binlog drops a BINARY value's trailing zero bytes;
 * {@code mariadbType} marks MariaDB's UUID, INET4 and INET6 (null for every other type), which the binlog carries as
 * binary strings.
 */
public record ColumnDescriptor(String name, int typeCode, ColumnType type, boolean unsigned, Charset charset,
                        List<String> labels, boolean json, int fixedLength, MariadbBinaryType mariadbType) {

    /** {@code type} is the library's name of {@code typeCode}, looked up once here rather than per cell. */
    public ColumnDescriptor(String name, int typeCode, boolean unsigned, Charset charset, List<String> labels, boolean json,
                     int fixedLength, MariadbBinaryType mariadbType) {
        this(name, typeCode, ColumnType.byCode(typeCode), unsigned, charset, labels, json, fixedLength, mariadbType);
    }
}
