# The binary-addition model (issue 4). Owned by the addition work.
src_librnnscape_a_SOURCES += \
	src/addition.c src/addition.h \
	src/addition_io.c src/addition_io.h \
	src/addition_landscape.c src/addition_landscape.h
tools_rnnscape_SOURCES += \
	tools/cmd_addition.c tools/cmd_addition_sub.h \
	tools/cmd_addition_train.c tools/cmd_addition_gradcheck.c \
	tools/cmd_addition_landscape.c

# --- tests ---------------------------------------------------------------
check_PROGRAMS += tests/src/test_addition
TESTS += tests/src/test_addition
