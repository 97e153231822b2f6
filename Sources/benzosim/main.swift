print("benzosim: under construction")
