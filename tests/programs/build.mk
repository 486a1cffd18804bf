# tests/programs/build.mk — the lowering's build rules and golden programs.
# rt.h's text is embedded into the compiler library (like the prelude) so
# db_emit_c can prepend it to the generated C without reading files.
RT_H_INC := build/gen/rt_h.inc
$(RT_H_INC): runtime/rt.h
	@mkdir -p $(dir $@)
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' $< > $@
$(BUILD)/compiler/lower.o $(BUILD)/nosan/compiler/lower.o: $(RT_H_INC)

TEST_TARGETS += test-programs
.PHONY: test-programs
# Each golden NAME.rs: `dynboxc emit-c` checked with cc -std=c99 -Werror and
# tcc, run natively under ASan/UBSan against LIBRT, run with `dynboxc run`
# (libtcc in memory), and, when it is valid Rust, compared with rustc's
# build of it; see tests/programs/run.sh.
test-programs: $(DYNBOXC) $(LIBRT)
	tests/programs/run.sh $(DYNBOXC) $(LIBRT)
