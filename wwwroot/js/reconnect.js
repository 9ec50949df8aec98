// Blazor's reconnection, without its blocking dialog: a banner shows while the circuit is down, and the page
// reloads by itself once the server answers again (a restarted server rejects the old circuit).
(() => {
    "use strict";
    const banner = document.getElementById("components-reconnect-modal");
    if (!banner) {
        return;
    }

    const retryMilliseconds = 2000;
    let waiting = false;

    banner.addEventListener("components-reconnect-state-changed", event => {
        const state = event.detail.state;
        if (state === "hide") {
            delete banner.dataset.state;
            return;
        }

        banner.dataset.state = state;
        if (state === "rejected" || state === "resume-failed") {
            location.reload();
        } else if (state === "failed") {
            reloadWhenServerAnswers();
        } else if (state === "paused") {
            resume();
        }
    });

    // The server paused the circuit: resume it at once, as nobody stands at a wall display to press a button.
    async function resume() {
        try {
            if (!(await Blazor.resumeCircuit())) {
                location.reload();
            }
        } catch {
            reloadWhenServerAnswers();
        }
    }

    // Blazor gave up retrying (a long outage): ask the server now and then, and reload once it answers.
    async function reloadWhenServerAnswers() {
        if (waiting) {
            return;
        }

        waiting = true;
        for (;;) {
            try {
                const response = await fetch("healthz", { cache: "no-store", redirect: "manual" });
                if (response.status !== 502 && response.status !== 504) {
                    location.reload();
                    return;
                }
            } catch {
                // Not reachable yet.
            }

            await new Promise(resolve => setTimeout(resolve, retryMilliseconds));
        }
    }
})();
