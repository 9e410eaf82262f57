package io.binlogsync.source.binlog;

import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.deserialization.EventHeaderDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;

import java.io.IOException;

/**
 * An event header that keeps the raw type code: the library folds every code it does not know into UNKNOWN,
 * and the translator must tell a harmless one from changes it cannot read (MariaDB's compressed events).
 */
final class TypedEventHeader extends EventHeaderV4 {
    private int typeCode;

    int typeCode() {
        return typeCode;
    }

    /** Reads the v4 header as the library does, keeping the type code. */
    static final class Reader implements EventHeaderDeserializer<TypedEventHeader> {
        @Override
        public TypedEventHeader deserialize(ByteArrayInputStream in) throws IOException {
            TypedEventHeader header = new TypedEventHeader();
            header.setTimestamp(in.readLong(4) * 1000L);
            header.typeCode = in.readInteger(1);
            EventType type = EventType.byEventNumber(header.typeCode);
            header.setEventType(type == null ? EventType.UNKNOWN : type);
            header.setServerId(in.readLong(4));
            header.setEventLength(in.readLong(4));
            header.setNextPosition(in.readLong(4));
            header.setFlags(in.readInteger(2));
            return header;
        }
    }
}
