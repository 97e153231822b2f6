extension Integrator {
    /// Checks every event over the accepted step `(time, end]`, locates the crossings on the step's
    /// interpolant and logs them in time order. Returns the index of a terminal event that stopped
    /// the integration (the integrator is then at the event time, needing a restart), or `nil`.
    @inlinable
    func handleEvents(stepStart: Double, stepEnd end: Double, step h: Double) -> Int? {
        let n = dimension
        var anyCrossing = false
        // Index loops: `enumerated()` allocates in unspecialised (debug) code, and this runs every step.
        for i in 0..<events.count {
            eventValuesNew[i] = events[i].condition(end, UnsafeBufferPointer(start: yNew, count: n))
            if events[i].isCrossing(from: eventValues[i], to: eventValuesNew[i]) { anyCrossing = true }
        }
        guard anyCrossing else {
            eventValues.update(from: eventValuesNew, count: events.count)
            return nil
        }
        // Rare path: locate each crossing, then report them in time order.
        var found: [(time: Double, index: Int)] = []
        let thetaEnd = (end - stepStart) / h
        for (i, event) in events.enumerated() where event.isCrossing(from: eventValues[i], to: eventValuesNew[i]) {
            let theta = locateRoot(of: event, from: eventValues[i], to: eventValuesNew[i], thetaEnd: thetaEnd, step: h)
            found.append((theta >= thetaEnd ? end : stepStart + theta * h, i))
        }
        found.sort { $0.time < $1.time || ($0.time == $1.time && $0.index < $1.index) }
        for hit in found {
            let theta = (hit.time - stepStart) / h
            if hit.time == end {
                scratch.update(from: yNew, count: n)
            } else {
                interpolate(theta: theta, step: h, into: scratch)
            }
            eventList.append(EventOccurrence(eventIndex: hit.index, time: hit.time,
                                            state: Array(UnsafeBufferPointer(start: scratch, count: n))))
            if events[hit.index].isTerminal {
                stopAtTerminalEvent(time: hit.time, state: scratch, step: h)
                return hit.index
            }
        }
        eventValues.update(from: eventValuesNew, count: events.count)
        return nil
    }

    /// Ends the current step early at a terminal event: saves, dense output and the state stop there.
    @inlinable
    func stopAtTerminalEvent(time eventTime: Double, state: UnsafeMutablePointer<Double>, step h: Double) {
        let n = dimension
        // Saves strictly before the event come from the interpolant; one at the event time gets its state.
        while saveCursor < saveTimes.count && saveTimes[saveCursor] <= eventTime {
            let ts = saveTimes[saveCursor]
            if ts < eventTime && ts > time {
                interpolate(theta: (ts - time) / h, step: h, into: scratch2)
                savedStateList.append(contentsOf: UnsafeBufferPointer(start: scratch2, count: n))
            } else {
                savedStateList.append(contentsOf: UnsafeBufferPointer(start: ts <= time ? y : state, count: n))
            }
            savedTimeList.append(ts)
            saveCursor += 1
        }
        if denseRecord != nil {
            ensureCoefficients(step: h)
            denseRecord!.append(start: time, end: eventTime, step: h, degree: stepper.interpolantDegree, coefficients: coefficients)
        }
        counts.acceptedSteps &+= 1
        y.update(from: state, count: n)
        currentTime = eventTime
        needsRestart = true
    }

    /// The root of `g(time + θh, y(θ))` in `(0, thetaEnd]` by the Illinois variant of regula falsi
    /// (Dowell & Jarratt 1971), with bisection whenever the secant leaves the bracket, until the
    /// bracket is narrower than the event tolerance in time. Returns the end of the bracket on the
    /// far side of the crossing, so the reported state has crossed.
    @inlinable
    func locateRoot(of event: ODEEvent, from gStart: Double, to gEnd: Double, thetaEnd: Double, step h: Double) -> Double {
        let n = dimension
        let tolerance = max(options.eventTimeTolerance, 4 * max(time.magnitude, (time + h).magnitude).ulp) / abs(h)
        var lo = 0.0, gLo = gStart
        var hi = thetaEnd, gHi = gEnd
        var side = 0
        var iterations = 0
        while hi - lo > tolerance && iterations < 200 {
            iterations += 1
            var theta = (lo * gHi - hi * gLo) / (gHi - gLo)
            if !(theta > lo && theta < hi) || iterations % 8 == 0 { theta = 0.5 * (lo + hi) }
            interpolate(theta: theta, step: h, into: scratch2)
            let g = event.condition(time + theta * h, UnsafeBufferPointer(start: scratch2, count: n))
            if g == 0 || event.isCrossing(from: gStart, to: g) {
                hi = theta; gHi = g
                if side == 1 { gLo *= 0.5 }
                side = 1
            } else {
                lo = theta; gLo = g
                if side == -1 { gHi *= 0.5 }
                side = -1
            }
        }
        return hi
    }
}
