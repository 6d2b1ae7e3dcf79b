package io.keyline.model;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * Gives {@code Map<String, String>} fields of Flink POJOs Flink's own map serializer; without it a
 * map field falls back to Kryo.
 */
@Internal
public class StringMapTypeInfoFactory extends TypeInfoFactory<Map<String, String>> {

    @Override
    public TypeInformation<Map<String, String>> createTypeInfo(
            Type t, Map<String, TypeInformation<?>> genericParameters) {
        return Types.MAP(Types.STRING, Types.STRING);
    }
}
