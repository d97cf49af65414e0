# The binary-addition model (issue 4). Owned by the addition work.
tools_rnnscape_SOURCES += tools/cmd_addition.c
