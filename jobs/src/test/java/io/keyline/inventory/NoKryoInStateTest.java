package io.keyline.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.CompositeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.ListSerializer;
import org.apache.flink.api.common.typeutils.base.MapSerializer;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;
import org.apache.flink.runtime.state.internal.InternalKvState;
import org.apache.flink.streaming.api.operators.AbstractUdfStreamOperator;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * No state of the keyed stages falls back to Kryo, however deep: every value, list element, map key
 * and value, and POJO field has a serializer of its own, so that a state type that changes shape
 * evolves through a savepoint instead of failing it.
 */
class NoKryoInStateTest {

    @Test
    void everyStateOfEveryKeyedStageHasSerializersOfItsOwn() throws Exception {
        InventorySettings settings = InventorySettings.builder().bounded(false).build();
        List<String> kryo = new ArrayList<>();
        int states = 0;
        states += check(identity(settings), kryo);
        states +=
                check(
                        oneInput(
                                new FlushingProcessOperator<>(
                                        new CredentialFunction(settings), true)),
                        kryo);
        states += check(oneInput(new KeyedProcessOperator<>(new DirectoryFunction())), kryo);
        states += check(oneInput(new KeyedProcessOperator<>(new TokenAliases(settings))), kryo);
        states +=
                check(
                        oneInput(new KeyedProcessOperator<>(new DeduplicateFunction(settings))),
                        kryo);
        assertThat(kryo).isEmpty();
        // The check reached the states: the stages hold more than a dozen between them.
        assertThat(states).isGreaterThan(12);
        // And it sees Kryo where Kryo is, inside a list inside a map.
        List<String> probe = new ArrayList<>();
        walk(
                new MapSerializer<>(
                        org.apache.flink.api.common.typeutils.base.StringSerializer.INSTANCE,
                        new ListSerializer<>(
                                new KryoSerializer<>(
                                        Object.class,
                                        new org.apache.flink.api.common.serialization
                                                .SerializerConfigImpl()))),
                "probe",
                probe);
        assertThat(probe).containsExactly("probe{value}[]");
    }

    private static AbstractStreamOperatorTestHarness<?> oneInput(
            AbstractUdfStreamOperator<?, ?> operator) throws Exception {
        @SuppressWarnings({"unchecked", "rawtypes"})
        var h =
                new KeyedOneInputStreamOperatorTestHarness(
                        (org.apache.flink.streaming.api.operators.OneInputStreamOperator) operator,
                        (org.apache.flink.api.java.functions.KeySelector<Object, String>)
                                e -> "key",
                        Types.STRING);
        h.open();
        return h;
    }

    private static AbstractStreamOperatorTestHarness<?> identity(InventorySettings settings)
            throws Exception {
        return IdentityStage.harness(false);
    }

    /** Checks the states the function of a harness holds; returns how many it found. */
    private static int check(AbstractStreamOperatorTestHarness<?> h, List<String> kryo)
            throws Exception {
        Object function = ((AbstractUdfStreamOperator<?, ?>) h.getOperator()).getUserFunction();
        int found = 0;
        for (Class<?> c = function.getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                f.setAccessible(true);
                Object value = unwrap(f.get(function));
                if (value instanceof InternalKvState<?, ?, ?> state) {
                    found++;
                    walk(
                            state.getValueSerializer(),
                            function.getClass().getSimpleName() + "." + f.getName(),
                            kryo);
                } else if (value != null && value.getClass().getName().startsWith("io.keyline.")) {
                    // A helper that holds states of its own (the storage locations).
                    for (Field g : value.getClass().getDeclaredFields()) {
                        g.setAccessible(true);
                        if (unwrap(g.get(value)) instanceof InternalKvState<?, ?, ?> state) {
                            found++;
                            walk(
                                    state.getValueSerializer(),
                                    value.getClass().getSimpleName() + "." + g.getName(),
                                    kryo);
                        }
                    }
                }
            }
        }
        h.close();
        return found;
    }

    /** The state behind the user-facing wrapper Flink hands map and list states out in. */
    private static Object unwrap(Object state) throws ReflectiveOperationException {
        if (state != null && state.getClass().getSimpleName().startsWith("UserFacing")) {
            Field original = state.getClass().getDeclaredField("originalState");
            original.setAccessible(true);
            return original.get(state);
        }
        return state;
    }

    private static void walk(TypeSerializer<?> s, String path, List<String> kryo)
            throws ReflectiveOperationException {
        if (s instanceof KryoSerializer<?>) {
            kryo.add(path);
        } else if (s instanceof PojoSerializer<?> pojo) {
            Field fields = PojoSerializer.class.getDeclaredField("fields");
            fields.setAccessible(true);
            Field[] names = (Field[]) fields.get(pojo);
            Field fieldSerializers = PojoSerializer.class.getDeclaredField("fieldSerializers");
            fieldSerializers.setAccessible(true);
            TypeSerializer<?>[] serializers = (TypeSerializer<?>[]) fieldSerializers.get(pojo);
            for (int i = 0; i < serializers.length; i++) {
                walk(serializers[i], path + "." + names[i].getName(), kryo);
            }
        } else if (s instanceof ListSerializer<?> list) {
            walk(list.getElementSerializer(), path + "[]", kryo);
        } else if (s instanceof MapSerializer<?, ?> map) {
            walk(map.getKeySerializer(), path + "{key}", kryo);
            walk(map.getValueSerializer(), path + "{value}", kryo);
        } else if (s instanceof CompositeSerializer<?> composite) {
            Field fields = CompositeSerializer.class.getDeclaredField("fieldSerializers");
            fields.setAccessible(true);
            for (TypeSerializer<?> f : (TypeSerializer<?>[]) fields.get(composite)) {
                walk(f, path, kryo);
            }
        }
    }
}
