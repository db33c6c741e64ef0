package dev.edp.reference;

import dev.edp.pattern.inputs.FunctionArgs;

/** The reference application's functions all run EDP's runtime jar (the stack's functionDefaults.code). */
final class Functions {

    private Functions() {
    }

    static FunctionArgs handler(String handler) {
        return FunctionArgs.builder().handler(handler).build();
    }
}
