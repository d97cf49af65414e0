# explore.gp: the interactive window of `rnnscape explore` (gnuplot's qt,
# x11 or wxt terminal).  rnnscape explore sets the variables below and runs
#   call 'explore.gp' 'init'
# through a pipe; the keys then call this file again with an action.
#
# Variables set by rnnscape explore:
#   rs_rnnscape  the rnnscape program (shell-quoted)
#   rs_workdir   the working folder; every view, trace and saved picture
#                stays in it (view-001.dat, trace-001.dat, view-001.png,
#                and views.log, a line per view)
#   rs_model     the data options, shell-quoted, passed to every command
#   rs_act       the activation to start with; rs_grid  points per axis
#   rs_wx0, rs_wx1, rs_wrec0, rs_wrec1   the first view's ranges
#   rs_optimizer the optimiser to start with ("" for the first one)
#   rs_term      the terminal ("" to pick qt, x11 or wxt)
#   rs_gnuplot   this gnuplot (shell-quoted), to draw saved views as PNG
#
# Keys (h shows them on the window):
#   right button twice  gnuplot's zoom box; z or Return recomputes the
#                       zoomed range at full resolution (a new view)
#   b   back to the previous view       p   the six points on or off
#   a   next activation                 c   colour range: tutorial / data
#   o   next optimiser                  t, left click   a trace from there
#   s   save the view (PNG and .gp)     u   gnuplot's unzoom
#   q, Escape   quit


if (ARG1 eq "init") {
    # --- the terminal -----------------------------------------------------
    if (!exists("rs_term") || rs_term eq "") {
        rs_term = strstrt(GPVAL_TERMINALS, " qt ") ? "qt" \
                : strstrt(GPVAL_TERMINALS, " x11 ") ? "x11" \
                : strstrt(GPVAL_TERMINALS, " wxt ") ? "wxt" : ""
    }
    if (rs_term eq "") {
        print "rnnscape explore: this gnuplot has no interactive terminal (install gnuplot-qt or gnuplot-x11)"
        exit status 3
    }
    rs_explore = ARG0
    rs_dir = ARG0
    while (strlen(rs_dir) > 0 && rs_dir[strlen(rs_dir):strlen(rs_dir)] ne "/") {
        rs_dir = rs_dir[1:strlen(rs_dir) - 1]
    }
    term = rs_term
    width = 960
    height = 720
    load rs_dir . "common.gp"
    eval sprintf("set terminal %s title 'rnnscape explore' size %d,%d font '%s'", \
                 rs_term, width, height, rs_font)

    # --- state ------------------------------------------------------------
    rs_acts = "linear tanh sigmoid relu"
    rs_have_optimize = system(rs_rnnscape . " optimize --help >/dev/null 2>&1 && echo 1 || echo 0") + 0
    if (rs_have_optimize) {
        rs_optimizers = "rprop-tutorial rprop+ rprop- irprop+ irprop- adam rmsprop adagrad sgd"
    } else {
        rs_optimizers = "tutorial rprop+ rprop- irprop+ irprop-"
    }
    if (rs_optimizer ne "" && !strstrt(" " . rs_optimizers . " ", " " . rs_optimizer . " ")) {
        rs_optimizers = rs_optimizer . " " . rs_optimizers
    }
    if (rs_optimizer eq "") { rs_optimizer = word(rs_optimizers, 1) }
    rs_nviews = 0          # views made so far (view-NNN.dat)
    rs_stack = ""          # the views to go back to, most recent last
    rs_view = 0
    rs_view_act = ""       # the activation of each view, a word per view
    rs_ntraces = 0
    rs_traces = ""         # trace files, and the activation of each
    rs_trace_acts = ""
    rs_points = 0
    rs_scale = "tutorial"  # or "data"
    rs_help = 0
    rs_message = ""
    rs_nsaved = 0
    rs_trace_names = ""

    # a view: wx0:wx1 x wrec0:wrec1 with activation rs_act, as view-NNN.dat
    rs_file(kind, n) = sprintf("%s/%s-%03d.dat", rs_workdir, kind, n)
    rs_q(s) = "'" . s . "'"
    rs_run(cmd) = system(cmd . " 2>&1; echo \"rc=$?\"")
    rs_ok(out) = strstrt(out, "rc=0") == strlen(out) - 3
    rs_error(out) = out[1:strstrt(out, "rc=") - 1]

    bind "z" "call rs_explore 'zoom'"
    bind "Return" "call rs_explore 'zoom'"
    bind "b" "call rs_explore 'back'"
    bind "p" "call rs_explore 'points'"
    bind "a" "call rs_explore 'act'"
    bind "c" "call rs_explore 'colour'"
    bind "o" "call rs_explore 'optim'"
    bind "t" "call rs_explore 'trace'"
    bind "Button1" "call rs_explore 'trace'"
    bind "s" "call rs_explore 'save'"
    bind "h" "call rs_explore 'help'"
    # q closes the window where the window manager lets it; Escape always ends
    bind "Escape" "exit gnuplot"

    rs_x0 = rs_wx0; rs_x1 = rs_wx1; rs_y0 = rs_wrec0; rs_y1 = rs_wrec1
    call rs_explore "compute"
    call rs_explore "draw"
    pause mouse close
}
if (ARG1 eq "compute") {

# --- compute: a new view of rs_x0:rs_x1 x rs_y0:rs_y1 under rs_act -------
    rs_n = rs_nviews + 1
    rs_f = rs_file("view", rs_n)
    rs_out = rs_run(sprintf("%s surface --wx %.17g:%.17g --wrec %.17g:%.17g --grid %d --activation %s %s -o %s", \
        rs_rnnscape, rs_x0, rs_x1, rs_y0, rs_y1, rs_grid, rs_act, rs_model, rs_q(rs_f)))
    if (rs_ok(rs_out)) {
        rs_nviews = rs_n
        if (rs_view > 0) { rs_stack = rs_stack . " " . rs_view }
        rs_view = rs_n
        rs_view_act = rs_view_act . " " . rs_act
        rs_message = ""
        system(sprintf("echo 'view %d: --wx %.17g:%.17g --wrec %.17g:%.17g --grid %d --activation %s' >> %s", \
            rs_n, rs_x0, rs_x1, rs_y0, rs_y1, rs_grid, rs_act, rs_q(rs_workdir . "/views.log")))
    } else {
        rs_message = rs_error(rs_out)
        print rs_message
    }
}
if (ARG1 eq "draw") {

# --- draw: the current view, its points and traces, the help ------------
    rs_f = rs_file("view", rs_view)
    rs_vact = word(rs_view_act, rs_view)
    stats [*:*][*:*] rs_f using 1:2 nooutput
    set xrange [STATS_min_x:STATS_max_x]
    set yrange [STATS_min_y:STATS_max_y]
    rs_dx0 = STATS_min_x; rs_dx1 = STATS_max_x; rs_dy0 = STATS_min_y; rs_dy1 = STATS_max_y
    if (rs_scale eq "tutorial") {
        rs_plus = 1; rs_cbmin = 10**-0.2; rs_cbmax = 1e8
    } else {
        # the data's own range: smallest and largest finite loss, in decades
        stats [*:*][*:*] rs_f using ($3 > 0 && !rs_isinf($3) ? $3 : NaN) nooutput
        rs_plus = 0
        rs_cbmin = STATS_records > 0 ? STATS_min : 1e-3
        rs_cbmax = STATS_records > 0 ? STATS_max : 1
        if (rs_cbmax <= rs_cbmin) { rs_cbmax = rs_cbmin * 10 }
    }
    set palette maxcolors 29
    set logscale cb
    set cbrange [rs_cbmin:rs_cbmax]
    if (rs_decades(rs_cbmin, rs_cbmax) >= 2) {
        set format cb "%.0e"
        eval rs_logticks("cb", rs_cbmin, rs_cbmax)
    } else {
        set format cb "%.3g"
        set cbtics autofreq
        set mcbtics default
    }
    set cbtics scale 0.6, 0.35 out nomirror
    set cblabel (rs_plus == 1 ? "{/:Italic ξ} + 1" : "{/:Italic ξ}") rotate by 0 offset 3, 0
    rs_colour(v) = (v + rs_plus < rs_cbmin) ? rs_cbmin : (v + rs_plus < rs_cbmax) ? v + rs_plus : rs_cbmax
    set tics out nomirror
    set rmargin 16
    eval rs_ticks("x", rs_dx0, rs_dx1, 9)
    eval rs_ticks("y", rs_dy0, rs_dy1, 9)
    set xlabel "w_{in}" font ":Italic,12"
    set ylabel "w_{rec}" font ":Italic,12"
    set title sprintf("Loss surface, %s: view %d, w_x %.6g:%.6g, w_rec %.6g:%.6g\noptimiser %s (o), colour %s (c); h: help%s", \
        rs_vact, rs_view, rs_dx0, rs_dx1, rs_dy0, rs_dy1, rs_optimizer, rs_scale, \
        rs_message eq "" ? "" : "\n" . rs_message) noenhanced
    unset label
    if (rs_help) {
        set style textbox opaque fc rgb "#18ffffff" border lc rgb "#808080"
        set label 1 at graph 0.02, 0.98 left front boxed noenhanced font ",10" \
            "right button twice: zoom box (gnuplot's)\n" . \
            "z or Return: recompute the zoomed range at full resolution\n" . \
            "b: back to the previous view\n" . \
            "p: the tutorial's six points on or off\n" . \
            "a: next activation (linear, tanh, sigmoid, relu)\n" . \
            "c: colour range: the tutorial's or the data's\n" . \
            "o: next optimiser (" . rs_optimizers . ")\n" . \
            "t or left click: an optimiser trace from the mouse\n" . \
            "s: save this view as PNG in the working folder\n" . \
            "u: gnuplot's unzoom; h: this help; q or Escape: quit\n" . \
            "working folder: " . rs_workdir
    }
    unset key
    rs_cmd = sprintf("plot %s using 1:2:(rs_colour($3)) with image notitle", rs_q(rs_f))
    if (rs_points) {
        rs_pf = sprintf("%s/points-%s.dat", rs_workdir, rs_vact)
        if (!strstrt(system("test -f " . rs_q(rs_pf) . " && echo yes"), "yes")) {
            rs_out = rs_run(sprintf("%s gradtime --activation %s %s -o %s", rs_rnnscape, rs_vact, rs_model, rs_q(rs_pf)))
            if (!rs_ok(rs_out)) { rs_points = 0; rs_message = rs_error(rs_out) }
        }
    }
    if (rs_points) {
        rs_cmd = rs_cmd . sprintf(", for [i = 1:6] %s index (i - 1) every ::0::0 using 3:4 with points pt 7 ps 1.5 lc rgb rs_colour_of(i) notitle", rs_q(rs_pf))
    }
    do for [i = 1:rs_ntraces] {
        if (word(rs_trace_acts, i) eq rs_vact) {
            rs_tf = word(rs_traces, i)
            set key top right opaque box noenhanced
            rs_cmd = rs_cmd . sprintf(", %s using 2:3 with linespoints pt 7 ps 0.35 lw 1.5 lc rgb '%s' title '%s'", \
                rs_q(rs_tf), word("#ff3030 #ffa000 #00d0ff #ff50ff #70f030 #ffffff", (i - 1) % 6 + 1), \
                sprintf("%d: %s", i, word(rs_trace_names, i)))
            rs_cmd = rs_cmd . sprintf(", %s every ::0::0 using 2:3 with points pt 6 ps 1.5 lw 1.5 lc rgb 'black' notitle", rs_q(rs_tf))
        }
    }
    eval rs_cmd
    rs_message = ""
}
if (ARG1 eq "zoom") {

    # the range gnuplot's zoom left on the axes
    rs_x0 = GPVAL_X_MIN; rs_x1 = GPVAL_X_MAX; rs_y0 = GPVAL_Y_MIN; rs_y1 = GPVAL_Y_MAX
    rs_act = word(rs_view_act, rs_view)
    call rs_explore "compute"
    call rs_explore "draw"
}
if (ARG1 eq "back") {

    if (words(rs_stack) > 0) {
        rs_view = word(rs_stack, words(rs_stack)) + 0
        # drop the last word
        rs_i = strlen(rs_stack)
        while (rs_i > 0 && rs_stack[rs_i:rs_i] ne " ") { rs_i = rs_i - 1 }
        rs_stack = rs_i > 1 ? rs_stack[1:rs_i - 1] : ""
        rs_message = ""
        system(sprintf("echo 'back to view %d' >> %s", rs_view, rs_q(rs_workdir . "/views.log")))
    } else {
        rs_message = "no earlier view"
    }
    call rs_explore "draw"
}
if (ARG1 eq "points") {
    rs_points = !rs_points
    call rs_explore "draw"
}
if (ARG1 eq "act") {

    rs_vact = word(rs_view_act, rs_view)
    rs_i = 1
    while (word(rs_acts, rs_i) ne rs_vact && rs_i < words(rs_acts)) { rs_i = rs_i + 1 }
    rs_act = word(rs_acts, rs_i % words(rs_acts) + 1)
    rs_x0 = rs_dx0; rs_x1 = rs_dx1; rs_y0 = rs_dy0; rs_y1 = rs_dy1
    call rs_explore "compute"
    call rs_explore "draw"
}
if (ARG1 eq "colour") {

    rs_scale = rs_scale eq "tutorial" ? "data" : "tutorial"
    call rs_explore "draw"
}
if (ARG1 eq "optim") {

    rs_i = 1
    while (word(rs_optimizers, rs_i) ne rs_optimizer && rs_i < words(rs_optimizers)) { rs_i = rs_i + 1 }
    rs_optimizer = word(rs_optimizers, rs_i % words(rs_optimizers) + 1)
    call rs_explore "draw"
}
if (ARG1 eq "trace") {

    if (exists("MOUSE_X") && exists("MOUSE_Y")) {
        rs_n = rs_ntraces + 1
        rs_tf = rs_file("trace", rs_n)
        rs_vact = word(rs_view_act, rs_view)
        if (rs_have_optimize) {
            rs_how = "optimize --optimizer " . rs_optimizer
        } else {
            rs_how = "rprop --variant " . rs_optimizer
        }
        rs_out = rs_run(sprintf("%s %s --start %.17g,%.17g --activation %s %s -o %s >/dev/null", \
            rs_rnnscape, rs_how, MOUSE_X, MOUSE_Y, rs_vact, rs_model, rs_q(rs_tf)))
        if (rs_ok(rs_out)) {
            rs_ntraces = rs_n
            rs_traces = rs_traces . " " . rs_tf
            rs_trace_acts = rs_trace_acts . " " . rs_vact
            rs_trace_names = rs_trace_names . " " . rs_optimizer
            rs_message = ""
            system(sprintf("echo 'trace %d: %s --start %.17g,%.17g' >> %s", rs_n, rs_how, MOUSE_X, MOUSE_Y, \
                rs_q(rs_workdir . "/views.log")))
        } else {
            rs_message = rs_error(rs_out)
        }
        call rs_explore "draw"
    }
}
if (ARG1 eq "help") {

    rs_help = !rs_help
    call rs_explore "draw"
}
if (ARG1 eq "save") {
    # A second gnuplot draws the saved view (settings, variables and plot
    # command, as `save` writes them), so this window stays as it is; the
    # .gp file stays beside the picture and redraws it at any time.
    rs_nsaved = rs_nsaved + 1
    rs_base = sprintf("%s/view-%03d-%d", rs_workdir, rs_view, rs_nsaved)
    save rs_base . ".gp"
    rs_out = rs_run(sprintf("%s -e 'set terminal pngcairo size %d,%d font \"%s\" background \"white\"; set output \"%s.png.tmp\"' %s && mv -f %s %s", \
        rs_gnuplot, width, height, rs_font, rs_base, rs_q(rs_base . ".gp"), rs_q(rs_base . ".png.tmp"), rs_q(rs_base . ".png")))
    if (rs_ok(rs_out)) {
        system(sprintf("echo 'saved %s.png' >> %s", rs_base, rs_q(rs_workdir . "/views.log")))
        rs_message = "saved " . rs_base . ".png"
    } else {
        rs_message = rs_error(rs_out)
    }
    call rs_explore "draw"
}
