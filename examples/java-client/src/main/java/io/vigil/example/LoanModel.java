package io.vigil.example;

import java.util.Random;

/**
 * A logistic regression that decides loan applications, trained at start-up on generated applicants: the "real
 * model" the example service wraps.
 *
 * <pre>{@code
 * LoanModel model = LoanModel.train(LoanModel.applicants(5000, new Random(42)));
 * double p = model.repayProbability(new double[] {52.0, 0.3, 41, 6});   // income k$, debt ratio, age, years employed
 * }</pre>
 *
 * <p>Training is batch gradient descent on the mean log loss over standardized features (so one learning rate
 * suits all of them): {@code w -= rate * X'(sigmoid(Xw + b) - y) / n}. Data: incomes lognormal around 50 k$,
 * debt ratios uniform on [0, 0.9], ages 21 to 70, and repayment drawn from a known logistic ground truth, so the
 * trained model's accuracy has a ceiling the test can reason about.
 */
public final class LoanModel {
  /** Feature names, in the order of the arrays. */
  public static final String[] FEATURES = {"income", "debt_ratio", "age", "years_employed"};

  private final double[] weights;
  private final double bias;
  private final double[] means;
  private final double[] deviations;

  private LoanModel(double[] weights, double bias, double[] means, double[] deviations) {
    this.weights = weights;
    this.bias = bias;
    this.means = means;
    this.deviations = deviations;
  }

  /** Generated applicants: {@code rows} feature rows and whether each repaid (1) or not (0). */
  public record Applicants(double[][] features, int[] repaid) {}

  /** {@code n} applicants drawn from {@code random}. */
  public static Applicants applicants(int n, Random random) {
    double[][] x = new double[n][];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      double income = Math.exp(Math.log(50) + 0.4 * random.nextGaussian());
      double debtRatio = 0.9 * random.nextDouble();
      int age = 21 + random.nextInt(50);
      int yearsEmployed = random.nextInt(Math.min(age - 18, 40) + 1);
      x[i] = new double[] {income, debtRatio, age, yearsEmployed};
      double logit = 0.8 + 0.04 * (income - 50) - 5 * (debtRatio - 0.45) + 0.02 * (age - 45) + 0.08 * yearsEmployed;
      y[i] = random.nextDouble() < sigmoid(logit) ? 1 : 0;
    }
    return new Applicants(x, y);
  }

  /** Fits the model by 300 steps of gradient descent. */
  public static LoanModel train(Applicants data) {
    double[][] x = data.features();
    int n = x.length;
    int d = FEATURES.length;
    double[] means = new double[d];
    double[] deviations = new double[d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        means[j] += row[j] / n;
      }
    }
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        deviations[j] += (row[j] - means[j]) * (row[j] - means[j]) / n;
      }
    }
    for (int j = 0; j < d; j++) {
      deviations[j] = Math.sqrt(deviations[j]);
    }
    double[] w = new double[d];
    double b = 0;
    LoanModel model = new LoanModel(w, b, means, deviations);
    for (int step = 0; step < 300; step++) {
      double[] gradient = new double[d];
      double gradientBias = 0;
      for (int i = 0; i < n; i++) {
        double error = model.repayProbability(x[i]) - data.repaid()[i];
        for (int j = 0; j < d; j++) {
          gradient[j] += error * (x[i][j] - means[j]) / deviations[j] / n;
        }
        gradientBias += error / n;
      }
      for (int j = 0; j < d; j++) {
        w[j] -= 0.5 * gradient[j];
      }
      b -= 0.5 * gradientBias;
      model = new LoanModel(w, b, means, deviations);
    }
    return model;
  }

  /** Probability that the applicant repays. */
  public double repayProbability(double[] applicant) {
    double z = bias;
    for (int j = 0; j < weights.length; j++) {
      z += weights[j] * (applicant[j] - means[j]) / deviations[j];
    }
    return sigmoid(z);
  }

  /** Share of {@code data} where "approve when p ≥ 0.5" matches what happened. */
  public double accuracy(Applicants data) {
    int right = 0;
    for (int i = 0; i < data.repaid().length; i++) {
      right += (repayProbability(data.features()[i]) >= 0.5 ? 1 : 0) == data.repaid()[i] ? 1 : 0;
    }
    return (double) right / data.repaid().length;
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }
}
